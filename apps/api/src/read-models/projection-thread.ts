import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { EsdbEventStore, type EventStore, SqliteEventStore } from '@app/event-store';
import { accessRecordsRunner, caseReadModelProjections, openReadModelDatabase, ProjectionRunner, type RunnerState } from '@app/read-models';
import { idleThreadIo, lowerThreadPriority } from './thread-priority';

/**
 * The api's projection runner on a thread of its own (started by ReadModels, see read-models.service.ts): the
 * projections fold each case and recompute its norm timeline for every event, work that on the event loop sat
 * in front of the requests. Here it runs beside them, on its own connections, exactly as apps/projector would
 * in a process of its own (the read-model lock, the checkpoints, the status read from the database).
 */

export interface ProjectionThreadSettings {
  dataDir: string;
  eventStore: 'sqlite' | 'esdb';
  eventStoreConnectionString?: string;
  readModelDatabaseUrl?: string;
}

export type ProjectionThreadMessage =
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; context: object; message: string }
  | { type: 'state'; state: RunnerState; error?: string }
  | { type: 'stopped' };

/**
 * The thread learns of appends by polling the store (it has its own connection, so the api's in-process append
 * signal does not reach it); a short interval keeps the read models as close behind as the signal did.
 */
const POLL_INTERVAL_MS = 20;
const STATE_INTERVAL_MS = 250;

/**
 * The thread's nice value and I/O class. When requests and projections both want the cores or the disk, the
 * requests go first: a command waits on its append, never on the read models, and the runner catches up as
 * soon as the burst ends (its lag shows in /health, and ?minPosition= waits for it). Only under contention does
 * either count: an idle core runs the runner at full speed whatever its niceness, an idle disk serves its I/O
 * at once. The runner's writes (~100 KB of read-model pages per command) shared the disk with the appends'
 * fsyncs on equal terms before the idle I/O class: on rijnmond-year, commands at concurrency 8 had p99
 * 57-72 ms in five runs at niceness 10 alone, 44-51 with the idle class too, 41-46 with it at niceness 19,
 * the read models 0.2-1.4 s behind when the load stopped (README, Performance, session 12).
 */
const PROJECTION_NICENESS = 19;

async function main(port: NonNullable<typeof parentPort>, settings: ProjectionThreadSettings): Promise<void> {
  const post = (message: ProjectionThreadMessage): void => port.postMessage(message);
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (context: object, message: string) =>
    post({ type: 'log', level, context: cloneable(context), message });
  log('info')({ priority: lowerThreadPriority(PROJECTION_NICENESS), io: idleThreadIo() }, 'projection thread priority');
  const store: EventStore =
    settings.eventStore === 'esdb'
      ? new EsdbEventStore(settings.eventStoreConnectionString as string)
      : new SqliteEventStore(join(settings.dataDir, 'events.sqlite'), { pollIntervalMs: POLL_INTERVAL_MS });
  const database = await openReadModelDatabase({ dataDir: settings.dataDir, url: settings.readModelDatabaseUrl });
  const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const runner = new ProjectionRunner({ store, database, projections: caseReadModelProjections(), logger });
  // The access log's table: its state is not reported (queries read what it lacks from the log), its failures are logged.
  const accessRunner = accessRecordsRunner(store, database, logger);
  let reported: RunnerState | undefined;
  const report = (): void => {
    if (runner.state === reported) return;
    reported = runner.state;
    void runner.status().then(
      ({ state, error }) => post({ type: 'state', state, ...(error ? { error } : {}) }),
      () => post({ type: 'state', state: runner.state }),
    );
  };
  const reporting = setInterval(report, STATE_INTERVAL_MS);
  runner.start();
  accessRunner.start();
  report();
  port.on('message', (message: { type: 'stop' }) => {
    if (message.type !== 'stop') return;
    void (async () => {
      clearInterval(reporting);
      await Promise.all([runner.stop(), accessRunner.stop()]);
      await database.close();
      await store.close();
      post({ type: 'stopped' });
      port.close();
    })();
  });
  runner.done.catch(report);
}

/** Errors keep their message and stack across the thread boundary; anything else that cannot be cloned is dropped. */
function cloneable(context: object): object {
  return JSON.parse(JSON.stringify(context, (_key, value: unknown) => {
    if (value instanceof Error) return { type: value.name, message: value.message, stack: value.stack };
    return typeof value === 'bigint' ? value.toString() : value;
  })) as object;
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as ProjectionThreadSettings).catch((error: Error) => {
    port.postMessage({ type: 'state', state: 'failed', error: error.message } satisfies ProjectionThreadMessage);
  });
}
