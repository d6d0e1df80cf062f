import { CASE_ID_PATTERN, CliArgumentError, parseCliArgs } from '../cli-args';
import { ACCESS_MONTH_PATTERN } from '../access-log/access-chain';

export const VERIFY_USAGE = 'usage: npm run verify -- <caseId> | --all | --file <export.json> | --access-log <YYYY-MM | all>';

/** What to verify: one case or every case from the event store, or an export file on its own (offline). */
export type VerifyArgs =
  | { mode: 'case'; caseId: string }
  | { mode: 'all' }
  | { mode: 'file'; file: string }
  /** The access log's chains: one month, or every month it has records in (month undefined). */
  | { mode: 'access-log'; month?: string };


/** `--help` gives 'help'; anything else wrong throws CliArgumentError naming the argument at fault. */
export function parseVerifyArgs(argv: string[]): VerifyArgs | 'help' {
  const parsed = parseCliArgs(argv, {
    all: { type: 'boolean' },
    file: { type: 'string' },
    'access-log': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1) throw new CliArgumentError(`one case id, got ${positionals.length} arguments`);
  // Exactly one target: a verdict must say unambiguously what it is a verdict on.
  const accessLog = values['access-log'];
  const targets = [positionals.length === 1, values.all === true, values.file !== undefined, accessLog !== undefined].filter(Boolean).length;
  if (targets === 0) throw new CliArgumentError('say what to verify: a case id, --all, --file <export.json> or --access-log <YYYY-MM | all>');
  if (targets > 1) throw new CliArgumentError('a case id, --all, --file and --access-log exclude each other');
  if (values.all) return { mode: 'all' };
  if (accessLog !== undefined) {
    if (accessLog === 'all') return { mode: 'access-log' };
    if (!ACCESS_MONTH_PATTERN.test(accessLog)) throw new CliArgumentError(`--access-log needs a month as YYYY-MM or all, got ${JSON.stringify(accessLog)}`);
    return { mode: 'access-log', month: accessLog };
  }
  if (values.file !== undefined) {
    if (values.file.trim() === '') throw new CliArgumentError('--file needs the path of an export');
    return { mode: 'file', file: values.file };
  }
  const [caseId] = positionals;
  if (!CASE_ID_PATTERN.test(caseId)) throw new CliArgumentError(`case id must be a UUID, got ${JSON.stringify(caseId)}`);
  // Case ids are stored lower-cased (case-id.param.ts): the same case must answer to either spelling.
  return { mode: 'case', caseId: caseId.toLowerCase() };
}
