import { isCaseEventType } from '@app/domain';
import { CASE_STREAM_PREFIX, type EventStore, type StoredEvent } from '@app/event-store';
import { readsByStream } from '@app/event-store/sqlite/stream-ordered-read';
import { relaxCommitDurability, useBulkWriteSettings } from '../database/bulk-write-settings';
import type { ReadModelDatabase } from '../database/open-read-model-database';
import type { ReadModelTableName } from '../database/read-model-schema';
import { createSecondaryIndexes, dropSecondaryIndexes, secondaryIndexesOf } from '../database/secondary-indexes';
import { withTempStorageOnDisk } from '../database/temp-storage';
import { acquireLock, createReadModelLock, type ReadModelLock } from '../lock/read-model-lock';
import { ProjectionApplyError } from './apply-event';
import { setCheckpoints } from './checkpoints';
import { type Projection, type ProjectionLogger, silentLogger } from './projection';
import { clearRebuildMarkers, setRebuildMarkers } from './rebuild-marker';
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
    if (order === 'stream') await rebuildByStream(run);
    else await rebuildByLog(run);

    for (const [type, count] of Object.entries(unknownTypes)) {
      logger.warn({ eventType: type, count }, 'rebuild skipped events of unknown type');
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const events = run.progress.applied;
    return { events, seconds, eventsPerSecond: seconds > 0 ? events / seconds : events, unknownTypes, order };
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

interface RebuildRun {
  options: RebuildOptions;
  names: string[];
  streamPrefix: string;
  batchSize: number;
  now: () => Date;
  progress: RebuildProgress;
  report(): void;
  assertLockHeld(): void;
  /** The events of known types; the others are counted as skipped. */
  known(events: readonly StoredEvent[]): StoredEvent[];
}

/** Empties the projections' tables and resets their checkpoints (and, in stream order, marks the rebuild). */
async function clearTables(run: RebuildRun, markUnfinished: boolean): Promise<void> {
  const { database, projections } = run.options;
  await withTransientRetry(() =>
    database.db.transaction().execute(async (trx) => {
      if (markUnfinished) {
        await setRebuildMarkers(trx, run.names, run.now());
        // Rows come case by case: the indexes not led by case_id are built once at the end (secondary-indexes.ts).
        // Dropped before the old rows are deleted, which then need not be taken out of them one by one.
        await dropSecondaryIndexes(trx, secondaryIndexesOf(tablesOf(projections)), tablesOf(projections));
      }
      // In log order the tables keep their triggers, so each delete visits every row: one statement whose journal
      // would hold the whole table in memory (temp-storage.ts).
      await withTempStorageOnDisk(trx, async () => {
        for (const table of tablesOf(projections)) await trx.deleteFrom(table).execute();
      });
      await setCheckpoints(trx, run.names, null, run.now());
    }),
  );
}

const tablesOf = (projections: readonly Projection[]): Set<ReadModelTableName> =>
  new Set(projections.flatMap((p) => p.tables));

async function rebuildByStream(run: RebuildRun): Promise<void> {
  const { store, database, projections } = run.options;
  if (!readsByStream(store)) throw new Error('unreachable: chooseOrder checked the store');
  const keys = projections.map((p) => p.rebuildMetadataKeys);
  const metadataKeys = keys.every((k) => k !== undefined) ? [...new Set(keys.flat() as string[])] : undefined;
  const log = store.readAllByStream({ streamPrefix: run.streamPrefix, metadataKeys });
  run.progress.total = await log.count();
  run.report();
  await clearTables(run, true);

  let batch: StoredEvent[][] = [];
  let batchEvents = 0;
  let stream: StoredEvent[] = [];
  // PostgreSQL writes in its own process: the next batch is read and its rows worked out while the server inserts
  // this one (at most one transaction in flight, so at most two batches in memory). SQLite writes in this thread:
  // one at a time.
  const overlap = database.dialect === 'postgres';
  let inFlight: Promise<void> | undefined;
  type Writer = (trx: Parameters<NonNullable<Projection['rebuildStreams']>>[0]) => Promise<void>;
  const failed = (projection: Projection, streams: StoredEvent[][], first: StoredEvent, events: number, error: unknown) =>
    new ProjectionApplyError(projection.name, streams[0]?.[0] ?? first, error, events);
  /** Each projection's rows worked out now where it can (prepareStreams), written by the transaction later. */
  const prepare = (streams: StoredEvent[][], events: number, first: StoredEvent): Writer[] =>
    projections.map((projection) => {
      if (!projection.prepareStreams) return (trx) => projection.rebuildStreams!(trx, streams);
      try {
        return projection.prepareStreams(streams);
      } catch (error) {
        throw failed(projection, streams, first, events, error);
      }
    });
  const write = async (writers: Writer[], streams: StoredEvent[][], events: number, first: StoredEvent): Promise<void> => {
    run.assertLockHeld();
    await withTransientRetry(() =>
      database.db.transaction().execute(async (trx) => {
        await relaxCommitDurability(trx, database);
        for (const [i, projection] of projections.entries()) {
          try {
            await writers[i](trx);
          } catch (error) {
            throw failed(projection, streams, first, events, error);
          }
        }
      }),
    );
    run.progress.applied += events;
    run.report();
  };
  /** Waits for the transaction in flight; its failure fails the rebuild here. */
  const settle = async (): Promise<void> => {
    const pending = inFlight;
    inFlight = undefined;
    await pending;
  };
  const flush = async (): Promise<void> => {
    const streams = batch.map((events) => run.known(events)).filter((events) => events.length > 0);
    const [events, first] = [batchEvents, batch[0][0]];
    batch = [];
    batchEvents = 0;
    // Worked out before waiting for the transaction in flight: with PostgreSQL, while the server still writes it.
    const writers = prepare(streams, events, first);
    await settle();
    if (!overlap) return write(writers, streams, events, first);
    inFlight = write(writers, streams, events, first);
    // Awaited by the next flush or at the end; until then a failure must not count as unhandled.
    inFlight.catch(() => undefined);
  };
  const endStream = async (): Promise<void> => {
    batch.push(stream);
    batchEvents += stream.length;
    stream = [];
    // Whole streams only: a stream split over two transactions would be folded as two cases.
    if (batchEvents >= run.batchSize) await flush();
  };
  try {
    for await (const page of log.pages()) {
      for (const event of page) {
        if (stream.length > 0 && stream[0].streamId !== event.streamId) await endStream();
        stream.push(event);
      }
    }
    if (stream.length > 0) await endStream();
    if (batch.length > 0) await flush();
    await settle();
  } catch (error) {
    // Not before the transaction in flight has ended: the lock is released after this.
    await inFlight?.catch(() => undefined);
    throw error;
  }

  run.assertLockHeld();
  await withTransientRetry(() =>
    database.db.transaction().execute(async (trx) => {
      await createSecondaryIndexes(trx, secondaryIndexesOf(tablesOf(projections)), {
        tables: tablesOf(projections),
        beforeAggregates: async () => {
          for (const projection of projections) await projection.finishRebuild?.(trx);
        },
      });
      await setCheckpoints(trx, run.names, log.upTo, run.now());
      await clearRebuildMarkers(trx, run.names);
    }),
  );
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
