import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { replaySteps } from '@app/domain/history/replay-steps';
import { ConfigurationError, loadConfig } from '../config/app-config';
import { SystemClock } from '../config/clock';
import { createEventStore } from '../event-store/event-store.module';
import { readCaseHistory } from './case-history.reader';
import { parseReplayArgs, REPLAY_USAGE } from './replay-args';
import { renderReplayJson, renderReplayText } from './replay-render';
import { CliArgumentError } from './cli-args';

/**
 * `npm run replay -- <caseId> [--as-of D] [--known-at T] [--format text|json]`: an auditor's replay of one case
 * from the event store (same settings as the api: DATA_DIR, EVENT_STORE, ...), with every norm's verdict after
 * each step. The window is the one GET /cases/{caseId}/history uses (libs/domain/src/history).
 *
 * Which date each step is judged at (libs/domain/src/history/replay-steps.ts):
 * - with --as-of D: every step as of D, showing how the verdict on D changed as the records came in;
 * - without it: each step as of its own business date (never after today), walking the case through time.
 *
 * Exit codes: 0 printed, 1 unknown case or the store failed (one line on stderr), 2 bad arguments or settings.
 */
export interface ReplayIo {
  env: Record<string, string | undefined>;
  argv: string[];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function runReplayCli(io: ReplayIo): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr.write(`replay: ${message}\n`);
    return code;
  };
  let args;
  let config;
  try {
    args = parseReplayArgs(io.argv);
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof CliArgumentError) return fail(2, `${error.message} (${REPLAY_USAGE})`);
    if (error instanceof ConfigurationError) return fail(2, error.message.replace(/\n\s*/g, ' '));
    throw error;
  }
  if (args === 'help') {
    io.stdout.write(`${REPLAY_USAGE}\n`);
    return 0;
  }
  // Opening the embedded store creates its file: a read-only tool pointed at the wrong DATA_DIR must not.
  const sqliteFile = join(config.dataDir, 'events.sqlite');
  if (config.eventStore === 'sqlite' && !existsSync(sqliteFile)) {
    return fail(1, `case ${args.caseId} not found: there is no event store at ${sqliteFile}`);
  }

  const asOf = args.asOf ?? new SystemClock().today();
  const knownAt = args.knownAt ?? null;
  const store = createEventStore(config);
  try {
    const history = await readCaseHistory(store, args.caseId, { asOf, knownAt });
    if (!history) return fail(1, `case ${args.caseId} not found (no measure was imposed under this id)`);
    const evaluateAt = args.asOf === undefined ? 'stepDate' : 'asOf';
    const steps = replaySteps(history.selection.events, { asOf, evaluateAt });
    const replay = { history, asOf, knownAt, evaluateAt, steps } as const;
    io.stdout.write(args.format === 'json' ? renderReplayJson(replay) : renderReplayText(replay));
    return 0;
  } catch (error) {
    return fail(1, `reading the event store failed: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  void runReplayCli({ env: process.env, argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr }).then(
    (code) => (process.exitCode = code),
  );
}
