import { join } from 'node:path';
import type { ChildRuntime } from '../proc/child-runtime';
import { lastLine, runCommand } from '../proc/run-command';
import { progress } from '../report/progress';
import { REBUILD_CLI } from '../service/build-service';
import { serviceEnv } from '../service/service-env';
import type { RawReadResult, RawReadTask } from './raw-read.child';
import { postgresUnreachableReason, redact, POSTGRES_ADMIN_URL, withScratchDatabase } from './scratch-postgres';

/**
 * The projection rebuild as operators run it - the rebuild CLI (`npm run projections:rebuild`, here its
 * compiled form from the same build as the service) as a child process - into the SQLite read models of the
 * profile's DATA_DIR and into a scratch PostgreSQL database, beside the raw read rate of the same log.
 */

export interface RebuildRun {
  events: number;
  /** The CLI's own figure: events over the rebuild's time, from its summary line. */
  eventsPerSecond: number;
  cliSeconds: number;
  /** The child process from spawn to exit, start-up included. */
  wallSeconds: number;
  peakRssMb?: number;
  summaryLine: string;
  /** The read order the CLI reports on stderr (stream or log), when it does. */
  order?: string;
}

export interface RebuildOutcome {
  rawRead: RawReadResult;
  sqlite: RebuildRun;
  postgres: RebuildRun | { skipped: string };
}

const SUMMARY = /rebuilt (\d+) events in ([\d.]+) s \((\d+) events\/s\)/;

/** One rebuild by the CLI; into DATA_DIR's SQLite read models unless a PostgreSQL URL is given. */
export async function rebuild(dataDir: string, readModelUrl?: string): Promise<RebuildRun> {
  const env = serviceEnv({ DATA_DIR: dataDir, ...(readModelUrl ? { READ_MODEL_DATABASE_URL: readModelUrl } : {}) });
  const run = await runCommand(process.execPath, [REBUILD_CLI], env);
  const summaryLine = lastLine(run.stdout);
  const match = SUMMARY.exec(summaryLine);
  if (run.exitCode !== 0 || !match) {
    throw new Error(`the rebuild CLI failed (exit ${run.exitCode}): ${summaryLine || lastLine(run.stderr)}`);
  }
  return {
    events: Number(match[1]),
    cliSeconds: Number(match[2]),
    eventsPerSecond: Number(match[3]),
    wallSeconds: run.seconds,
    peakRssMb: run.peakRssMb,
    summaryLine,
    order: /read in (\w+) order/.exec(run.stderr)?.[1],
  };
}

/** PostgreSQL is skipped when unreachable - unless REQUIRE_POSTGRES=1, as in CI, where that fails the bench. */
export async function benchRebuild(runtime: ChildRuntime, dataDir: string): Promise<RebuildOutcome> {
  progress('rebuild', 'raw read of the log (the store\'s readAll)');
  const rawTask: RawReadTask = { eventsFile: join(dataDir, 'events.sqlite') };
  const rawRead = await runtime.run<RawReadTask, RawReadResult>('bench/src/rebuild/raw-read.child.ts', rawTask).result;
  progress('rebuild', `raw read ${Math.round(rawRead.eventsPerSecond)} events/s; rebuilding into SQLite`);
  const sqlite = await rebuild(dataDir);
  progress('rebuild', `SQLite: ${sqlite.summaryLine}`);

  const unreachable = await postgresUnreachableReason();
  let postgres: RebuildOutcome['postgres'];
  if (unreachable === undefined) {
    progress('rebuild', 'rebuilding into a scratch PostgreSQL database');
    postgres = await withScratchDatabase((url) => rebuild(dataDir, url));
    progress('rebuild', `PostgreSQL: ${postgres.summaryLine}`);
  } else if (process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`PostgreSQL at ${redact(POSTGRES_ADMIN_URL)} is required (REQUIRE_POSTGRES=1) but unreachable: ${unreachable}`);
  } else {
    postgres = { skipped: `PostgreSQL at ${redact(POSTGRES_ADMIN_URL)} unreachable: ${unreachable}` };
    progress('rebuild', `skipping PostgreSQL: ${postgres.skipped}`);
  }
  return { rawRead, sqlite, postgres };
}
