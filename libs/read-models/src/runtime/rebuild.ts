import { isCaseEventType } from '@app/domain';
import { CASE_STREAM_PREFIX, type EventStore, type StoredEvent } from '@app/event-store';
import { readsByStream } from '@app/event-store/sqlite/stream-ordered-read';
import { relaxCommitDurability, useBulkWriteSettings } from '../database/bulk-write-settings';
import type { ReadModelDatabase } from '../database/open-read-model-database';
import { acquireLock, createReadModelLock, type ReadModelLock } from '../lock/read-model-lock';
import { ProjectionApplyError } from './apply-event';
import { setCheckpoints } from './checkpoints';
import { type Projection, type ProjectionLogger, silentLogger } from './projection';
import { rebuildByStream } from './rebuild-by-stream';
import { clearTables, type RebuildRun } from './rebuild-run';
import { withTransientRetry } from './transient-errors';

export interface RebuildProgress {
  applied: number;
  /** Events counted before the replay began (grows if events arrive during a rebuild in log order). */
  total: number;
}

/**
 * 'stream': stream after stream, each folded once (the store must offer it - the embedded SQLite store does -
 * and every projection must take whole streams); 'log': the log in position order, a batch at a time.
 */
export type RebuildOrder = 'stream' | 'log';

export interface RebuildOptions {
  store: EventStore;
  database: ReadModelDatabase;
  projections: readonly Projection[];
  onProgress?: (progress: RebuildProgress) => void;
  /** Events per transaction (whole streams in stream order, so a little more there). Default 20,000. */
  batchSize?: number;
  /** Default: 'stream' where possible, else 'log'. Asking for 'stream' where it is not possible fails. */
  order?: RebuildOrder;
  /**
   * In stream order: worker threads that read and fold the streams while this thread writes their rows; 0 does
   * it all on this thread. Default: one per core beyond this thread's (at most three, none below three cores)
   * for logs of 200,000 events or more, where possible (see workerCount); asking for workers where it is not
   * possible fails.
   */
  workers?: number;
  streamPrefix?: string;
  isKnownEventType?: (type: string) => boolean;
  logger?: ProjectionLogger;
  lock?: ReadModelLock;
  /** How long to wait for a runner elsewhere to let go of the lock. Default 0: one attempt. */
  lockTimeoutMs?: number;
  now?: () => Date;
}

export interface RebuildResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Counts of skipped events by unknown type. */
  unknownTypes: Record<string, number>;
  order: RebuildOrder;
  /** Worker threads that folded the streams (0: this thread did). */
  workers: number;
}

export class ReadModelLockUnavailableError extends Error {
  constructor() {
    super('Another process (the api or apps/projector) holds the read-model lock; stop it before rebuilding.');
    this.name = 'ReadModelLockUnavailableError';
  }
}

/**
 * Rebuilds the projections from the whole log, under the read-model lock: empties their tables and resets
 * their checkpoints, then replays the case streams, many events per transaction.
 *
 * In stream order (the fast path) every stream is folded once and its rows written once; the checkpoints are
 * set in the last transaction, to the last position the read covered, so a runner continues exactly from
 * there. Until then a marker says the rebuild is unfinished (rebuild-marker.ts): one that dies leaves tables a
 * runner must not continue, and it refuses to. In log order each batch commits with its checkpoint, so a
 * rebuild that dies half-way leaves consistent tables that a runner simply continues.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const { database, projections } = options;
  const logger = options.logger ?? silentLogger;
  const order = chooseOrder(options);
  const lock = options.lock ?? createReadModelLock(database);
  let lost: string | undefined;
  lock.onLost((reason) => (lost = reason));
  if (!(await acquireLock(lock, { timeoutMs: options.lockTimeoutMs ?? 0, retryMs: 500, logger }))) {
    await lock.release();
    throw new ReadModelLockUnavailableError();
  }
  let restoreSettings = async (): Promise<void> => undefined;
  try {
    restoreSettings = await useBulkWriteSettings(database);
    const started = process.hrtime.bigint();
    const isKnown = options.isKnownEventType ?? isCaseEventType;
    const unknownTypes: Record<string, number> = {};
    const run: RebuildRun = {
      unknownTypes,
      options,
      names: projections.map((p) => p.name),
      streamPrefix: options.streamPrefix ?? CASE_STREAM_PREFIX,
      batchSize: options.batchSize ?? 20_000,
      now: options.now ?? ((): Date => new Date()),
      progress: { applied: 0, total: 0 },
      report: () => options.onProgress?.({ ...run.progress }),
      assertLockHeld: () => {
        if (lost) throw new Error(`read-model lock lost during the rebuild: ${lost}`);
      },
      // Counted outside the transactions: a retried batch must not count twice.
      known: (events) =>
        events.filter((event) => {
          if (isKnown(event.type)) return true;
          unknownTypes[event.type] = (unknownTypes[event.type] ?? 0) + 1;
          return false;
        }),
    };
    const workers = order === 'stream' ? await rebuildByStream(run) : (await rebuildByLog(run), 0);

    for (const [type, count] of Object.entries(unknownTypes)) {
      logger.warn({ eventType: type, count }, 'rebuild skipped events of unknown type');
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const events = run.progress.applied;
    return { events, seconds, eventsPerSecond: seconds > 0 ? events / seconds : events, unknownTypes, order, workers };
  } finally {
    await restoreSettings().catch((error) => logger.warn({ err: error }, 'restoring the database settings failed'));
    await lock.release();
  }
}

function chooseOrder(options: RebuildOptions): RebuildOrder {
  const possible = readsByStream(options.store) && options.projections.every((p) => p.rebuildStreams !== undefined);
  if (options.order === 'stream' && !possible) {
    throw new Error('A rebuild in stream order needs a store that reads by stream and projections that take whole streams');
  }
  return options.order ?? (possible ? 'stream' : 'log');
}

async function rebuildByLog(run: RebuildRun): Promise<void> {
  const { store, database, projections } = run.options;
  for await (const _ of store.readAll({ streamPrefix: run.streamPrefix })) run.progress.total += 1;
  run.report();
  await clearTables(run, false);

  const flush = async (batch: StoredEvent[]): Promise<void> => {
    run.assertLockHeld();
    const known = run.known(batch);
    // A batch that met a transient error rolled back whole: retrying it is safe.
    await withTransientRetry(() =>
      database.db.transaction().execute(async (trx) => {
        await relaxCommitDurability(trx, database);
        if (known.length > 0) {
          for (const projection of projections) await applyInOrder(projection, trx, known);
        }
        await setCheckpoints(trx, run.names, batch[batch.length - 1].position, run.now());
      }),
    );
    run.progress.applied += batch.length;
    run.progress.total = Math.max(run.progress.total, run.progress.applied);
    run.report();
  };

  let batch: StoredEvent[] = [];
  for await (const event of store.readAll({ streamPrefix: run.streamPrefix })) {
    batch.push(event);
    if (batch.length >= run.batchSize) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await flush(batch);
}

/** The batch through applyBatch where the projection has it, else event by event. */
async function applyInOrder(projection: Projection, trx: Parameters<Projection['apply']>[0], events: StoredEvent[]): Promise<void> {
  if (projection.applyBatch) {
    try {
      return await projection.applyBatch(trx, events);
    } catch (error) {
      throw new ProjectionApplyError(projection.name, events[0], error, events.length);
    }
  }
  for (const event of events) {
    try {
      await projection.apply(trx, event);
    } catch (error) {
      throw new ProjectionApplyError(projection.name, event, error);
    }
  }
}
