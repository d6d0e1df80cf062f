import { CASE_ID_PATTERN, CliArgumentError, parseCliArgs } from './cli-args';
import { isValidBusinessDate } from '@app/domain';
import { isValidInstant } from '@app/domain/history/instant';

export const REPLAY_USAGE = 'usage: npm run replay -- <caseId> [--as-of YYYY-MM-DD] [--known-at <ISO timestamp>] [--format text|json]';

export interface ReplayArgs {
  caseId: string;
  /** Absent: today (Europe/Amsterdam), and each step is judged as of its own date. */
  asOf?: string;
  /** Absent: everything recorded so far. */
  knownAt?: string;
  format: 'text' | 'json';
}


/** `--help` gives 'help'; anything wrong throws CliArgumentError naming the argument at fault. */
export function parseReplayArgs(argv: string[]): ReplayArgs | 'help' {
  const parsed = parseCliArgs(argv, {
    'as-of': { type: 'string' },
    'known-at': { type: 'string' },
    format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new CliArgumentError(positionals.length === 0 ? 'a case id is required' : `one case id, got ${positionals.length} arguments`);
  }
  const [caseId] = positionals;
  // Case ids are UUIDs stored lower-cased (case-id.param.ts): the same case must answer to either spelling.
  if (!CASE_ID_PATTERN.test(caseId)) throw new CliArgumentError(`case id must be a UUID, got ${JSON.stringify(caseId)}`);
  const asOf = values['as-of'];
  if (asOf !== undefined && !isValidBusinessDate(asOf)) {
    throw new CliArgumentError(`--as-of must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  }
  const knownAt = values['known-at'];
  if (knownAt !== undefined && !isValidInstant(knownAt)) {
    throw new CliArgumentError(`--known-at must be an ISO 8601 timestamp with a zone, e.g. 2021-09-01T10:00:00Z, got ${JSON.stringify(knownAt)}`);
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new CliArgumentError(`--format must be text or json, got ${JSON.stringify(format)}`);
  return { caseId: caseId.toLowerCase(), asOf, knownAt, format };
}
