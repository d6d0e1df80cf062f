import {
  caseReadModelProjections,
  ProjectionRunner,
  type ProjectionLogger,
  type ProjectionRunnerOptions,
  type ReadModelDatabase,
} from '@app/read-models';
import type { CaseLog } from './case-log';
import type { ReadModelDatabases } from './read-model-databases';
import { dumpReadModels, type TableDump } from './table-dump';

/** Short pauses everywhere, so the tests wait milliseconds where production waits seconds. */
export const FAST: Partial<ProjectionRunnerOptions> = {
  lockRetryMs: 20,
  resubscribeDelayMs: 20,
  retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  status: { cacheMs: 0, pollMs: 10 },
};

/** Starts runners and stops whatever a test left running. */
export class Runners {
  private readonly started: ProjectionRunner[] = [];

  start(log: CaseLog, database: ReadModelDatabase, options: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner {
    const runner = new ProjectionRunner({
      store: log.store,
      database,
      projections: caseReadModelProjections(),
      ...FAST,
      ...options,
    });
    this.started.push(runner);
    runner.start();
    return runner;
  }

  /** The tables the live runner leaves from the whole log, in a fresh database: what a rebuild must equal. */
  async liveTables(log: CaseLog, databases: ReadModelDatabases): Promise<TableDump> {
    const database = await databases.openFresh();
    await this.runToEnd(log, database);
    return dumpReadModels(database.db);
  }

  /** Runs until every case event of the log is applied, then stops. */
  async runToEnd(log: CaseLog, database: ReadModelDatabase, options: Partial<ProjectionRunnerOptions> = {}): Promise<void> {
    const runner = this.start(log, database, options);
    const reached = await runner.waitForPosition(log.lastCasePosition, 15_000);
    await runner.stop();
    await runner.done;
    if (!reached) throw new Error(`runner did not reach ${log.lastCasePosition}: ${JSON.stringify(await runner.status(), jsonSafe)}`);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((runner) => runner.stop()));
  }
}

const jsonSafe = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  context: object;
  message: string;
}

/** A logger that keeps what it is told, for assertions. */
export class RecordingLogger implements ProjectionLogger {
  readonly entries: LogEntry[] = [];
  debug = (context: object, message: string) => void this.entries.push({ level: 'debug', context, message });
  info = (context: object, message: string) => void this.entries.push({ level: 'info', context, message });
  warn = (context: object, message: string) => void this.entries.push({ level: 'warn', context, message });
  error = (context: object, message: string) => void this.entries.push({ level: 'error', context, message });

  messages(level?: LogEntry['level']): string[] {
    return this.entries.filter((e) => !level || e.level === level).map((e) => e.message);
  }
}

/** Polls until `check` holds (or fails after timeoutMs): for states reached in the background. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
