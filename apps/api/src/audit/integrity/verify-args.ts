import { parseArgs } from 'node:util';

export const VERIFY_USAGE = 'usage: npm run verify -- <caseId> | --all | --file <export.json>';

/** What to verify: one case or every case from the event store, or an export file on its own (offline). */
export type VerifyArgs = { mode: 'case'; caseId: string } | { mode: 'all' } | { mode: 'file'; file: string };

/** A mistake in the arguments: the CLI prints the message on one line and exits with code 2. */
export class VerifyArgumentError extends Error {
  override readonly name = 'VerifyArgumentError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `--help` gives 'help'; anything else wrong throws VerifyArgumentError naming the argument at fault. */
export function parseVerifyArgs(argv: string[]): VerifyArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        all: { type: 'boolean' },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // node:util's messages run over several lines; the first one names the problem.
    throw new VerifyArgumentError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1) throw new VerifyArgumentError(`one case id, got ${positionals.length} arguments`);
  // Exactly one target: a verdict must say unambiguously what it is a verdict on.
  const targets = [positionals.length === 1, values.all === true, values.file !== undefined].filter(Boolean).length;
  if (targets === 0) throw new VerifyArgumentError('say what to verify: a case id, --all or --file <export.json>');
  if (targets > 1) throw new VerifyArgumentError('a case id, --all and --file exclude each other');
  if (values.all) return { mode: 'all' };
  if (values.file !== undefined) {
    if (values.file.trim() === '') throw new VerifyArgumentError('--file needs the path of an export');
    return { mode: 'file', file: values.file };
  }
  const [caseId] = positionals;
  if (!UUID.test(caseId)) throw new VerifyArgumentError(`case id must be a UUID, got ${JSON.stringify(caseId)}`);
  // Case ids are stored lower-cased (case-id.param.ts): the same case must answer to either spelling.
  return { mode: 'case', caseId: caseId.toLowerCase() };
}
