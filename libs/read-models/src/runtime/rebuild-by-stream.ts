import { availableParallelism } from 'node:os';
import type { StoredEvent } from '@app/event-store';
import { readsByStream, type StreamOrderedLog } from '@app/event-store/sqlite/stream-ordered-read';
import { relaxCommitDurability } from '../database/bulk-write-settings';
import { createSecondaryIndexes, secondaryIndexesOf } from '../database/secondary-indexes';
import { ProjectionApplyError } from './apply-event';
import { setCheckpoints } from './checkpoints';
import type { Projection } from './projection';
import { clearRebuildMarkers } from './rebuild-marker';
import { clearTables, type RebuildRun, tablesOf } from './rebuild-run';
import { canFoldOnWorkers, foldRangesOnWorkers } from './stream-rows-workers';
import type { FailedEvent } from './stream-rows.worker';
import { withTransientRetry } from './transient-errors';

/**
 * The rebuild in stream order (rebuild.ts): each stream folded once, on worker threads or this one, its rows
 * written into the emptied tables; then, in one last transaction, the secondary indexes and the rows that span
 * streams, and the checkpoints. Answers how many worker threads folded the streams.
 */
export async function rebuildByStream(run: RebuildRun): Promise<number> {
  const { store, database, projections } = run.options;
  if (!readsByStream(store)) throw new Error('unreachable: chooseOrder checked the store');
  const keys = projections.map((p) => p.rebuildMetadataKeys);
  const metadataKeys = keys.every((k) => k !== undefined) ? [...new Set(keys.flat() as string[])] : undefined;
  const log = store.readAllByStream({ streamPrefix: run.streamPrefix, metadataKeys });
  run.progress.total = await log.count();
  run.report();
  const workers = workerCount(run, log);
  await clearTables(run, true);

  if (workers > 0 && log.shared) {
    await foldRangesOnWorkers(log.shared, projections, {
      count: workers,
      eventsPerRange: run.batchSize,
      write: async ({ events, first, unknownTypes, rows }) => {
        for (const [type, count] of Object.entries(unknownTypes)) run.unknownTypes[type] = (run.unknownTypes[type] ?? 0) + count;
        await writeBatch(run, (trx, projection, i) => projection.writeRows!(trx, rows[i]), events, first);
      },
    });
  } else {
    await foldStreamsInThread(run, log);
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
  return workers;
}

/**
 * Threads to fold streams on, where the log can be read from another thread and every projection can work out
 * its rows there. By default, for a log large enough to repay their start (a second or so, with their code
 * transpiled first under ts-node), one per core beyond the writing thread's, at most three, and none on fewer than three
 * cores: on two, folding on workers competes with the writer for the same cores and their heaps add up (measured
 * nationally with two workers: 6-23% faster at 1.3-1.5 GB of peak RSS, against 0.8 GB in this thread).
 */
function workerCount(run: RebuildRun, log: StreamOrderedLog): number {
  const { workers, isKnownEventType, projections } = run.options;
  if (log.upTo === null) return 0; // an empty log: nothing to fold
  const possible = log.shared !== undefined && isKnownEventType === undefined && canFoldOnWorkers(projections);
  if (workers !== undefined && workers > 0 && !possible) {
    throw new Error('Folding on worker threads needs a log other threads can open and projections that name their workerModule (their own class, not patched)');
  }
  if (workers !== undefined) return workers;
  const cores = availableParallelism();
  return possible && run.progress.total >= WORKERS_FROM_EVENTS && cores >= 3 ? Math.min(cores - 1, 3) : 0;
}

const WORKERS_FROM_EVENTS = 200_000;

type Transaction = Parameters<NonNullable<Projection['rebuildStreams']>>[0];

/** One transaction writing each projection's part of a batch; then the batch counts as applied. */
async function writeBatch(
  run: RebuildRun,
  writeOne: (trx: Transaction, projection: Projection, index: number) => Promise<void>,
  events: number,
  first: FailedEvent,
): Promise<void> {
  const { database, projections } = run.options;
  run.assertLockHeld();
  await withTransientRetry(() =>
    database.db.transaction().execute(async (trx) => {
      await relaxCommitDurability(trx, database);
      for (const [i, projection] of projections.entries()) {
        try {
          await writeOne(trx, projection, i);
        } catch (error) {
          if (error instanceof ProjectionApplyError) throw error;
          throw new ProjectionApplyError(projection.name, first, error, events);
        }
      }
    }),
  );
  run.progress.applied += events;
  run.report();
}

/** Reading, folding and writing on this thread, batch after batch (with PostgreSQL, folding during the write). */
async function foldStreamsInThread(run: RebuildRun, log: StreamOrderedLog): Promise<void> {
  const { database, projections } = run.options;
  let batch: StoredEvent[][] = [];
  let batchEvents = 0;
  let stream: StoredEvent[] = [];
  // PostgreSQL writes in its own process: the next batch is read and its rows worked out while the server inserts
  // this one (at most one transaction in flight, so at most two batches in memory). SQLite writes in this thread:
  // one at a time.
  const overlap = database.dialect === 'postgres';
  let inFlight: Promise<void> | undefined;
  /** Each projection's rows worked out now where it can (rowsOfStreams), written by the transaction later. */
  const prepare = (streams: StoredEvent[][], events: number, first: StoredEvent): Array<(trx: Transaction) => Promise<void>> =>
    projections.map((projection) => {
      if (!projection.rowsOfStreams) return (trx) => projection.rebuildStreams!(trx, streams);
      try {
        const rows = projection.rowsOfStreams(streams);
        return (trx) => projection.writeRows!(trx, rows);
      } catch (error) {
        throw new ProjectionApplyError(projection.name, streams[0]?.[0] ?? first, error, events);
      }
    });
  /** Waits for the transaction in flight; its failure fails the rebuild here. */
  const settle = async (): Promise<void> => {
    const pending = inFlight;
    inFlight = undefined;
    await pending;
  };
  const flush = async (): Promise<void> => {
    const streams = batch.map((events) => run.known(events)).filter((events) => events.length > 0);
    const [events, first] = [batchEvents, streams[0]?.[0] ?? batch[0][0]];
    batch = [];
    batchEvents = 0;
    // Worked out before waiting for the transaction in flight: with PostgreSQL, while the server still writes it.
    const writers = prepare(streams, events, first);
    await settle();
    const write = writeBatch(run, (trx, _, i) => writers[i](trx), events, first);
    if (!overlap) return write;
    inFlight = write;
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
}
