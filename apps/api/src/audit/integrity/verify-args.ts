import { CASE_ID_PATTERN, CliArgumentError, parseCliArgs } from '../cli-args';

export const VERIFY_USAGE = 'usage: npm run verify -- <caseId> | --all | --file <export.json>';

/** What to verify: one case or every case from the event store, or an export file on its own (offline). */
export type VerifyArgs = { mode: 'case'; caseId: string } | { mode: 'all' } | { mode: 'file'; file: string };


/** `--help` gives 'help'; anything else wrong throws CliArgumentError naming the argument at fault. */
export function parseVerifyArgs(argv: string[]): VerifyArgs | 'help' {
  const parsed = parseCliArgs(argv, {
    all: { type: 'boolean' },
    file: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1) throw new CliArgumentError(`one case id, got ${positionals.length} arguments`);
  // Exactly one target: a verdict must say unambiguously what it is a verdict on.
  const targets = [positionals.length === 1, values.all === true, values.file !== undefined].filter(Boolean).length;
  if (targets === 0) throw new CliArgumentError('say what to verify: a case id, --all or --file <export.json>');
  if (targets > 1) throw new CliArgumentError('a case id, --all and --file exclude each other');
  if (values.all) return { mode: 'all' };
  if (values.file !== undefined) {
    if (values.file.trim() === '') throw new CliArgumentError('--file needs the path of an export');
    return { mode: 'file', file: values.file };
  }
  const [caseId] = positionals;
  if (!CASE_ID_PATTERN.test(caseId)) throw new CliArgumentError(`case id must be a UUID, got ${JSON.stringify(caseId)}`);
  // Case ids are stored lower-cased (case-id.param.ts): the same case must answer to either spelling.
  return { mode: 'case', caseId: caseId.toLowerCase() };
}
