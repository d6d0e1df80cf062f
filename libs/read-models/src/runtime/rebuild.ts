import { isCaseEventType } from '@app/domain';
import { CASE_STREAM_PREFIX, type EventStore, type StoredEvent } from '@app/event-store';
import type { ReadModelDatabase } from '../database/open-read-model-database';
import { acquireLock, createReadModelLock, type ReadModelLock } from '../lock/read-model-lock';
import { ProjectionApplyError } from './apply-event';
import { setCheckpoints } from './checkpoints';
import { type Projection, type ProjectionLogger, silentLogger } from './projection';
import { withTransientRetry } from './transient-errors';

export interface RebuildProgress {
  applied: number;
  /** Events counted before the replay began (grows if events arrive during the rebuild). */
  total: number;
}

export interface RebuildOptions {
  store: EventStore;
  database: ReadModelDatabase;
  projections: readonly Projection[];
  onProgress?: (progress: RebuildProgress) => void;
  /** Events per transaction (and checkpoint). Default 1,000. */
  batchSize?: number;
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
}

export class ReadModelLockUnavailableError extends Error {
  constructor() {
    super('Another process (the api or apps/projector) holds the read-model lock; stop it before rebuilding.');
    this.name = 'ReadModelLockUnavailableError';
  }
}

/**
 * Rebuilds the projections from the whole log, under the read-model lock: empties their tables and resets
 * their checkpoints, then replays the case streams in position order, many events per transaction (the fast
 * path: one commit and one checkpoint write per batch instead of per event). Each batch commits with its
 * checkpoint, so a rebuild that dies half-way leaves consistent tables that a runner simply continues.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const { store, database, projections } = options;
  const logger = options.logger ?? silentLogger;
  const lock = options.lock ?? createReadModelLock(database);
  let lost: string | undefined;
  lock.onLost((reason) => (lost = reason));
  if (!(await acquireLock(lock, { timeoutMs: options.lockTimeoutMs ?? 0, retryMs: 500, logger }))) {
    await lock.release();
    throw new ReadModelLockUnavailableError();
  }
  try {
    const started = process.hrtime.bigint();
    const streamPrefix = options.streamPrefix ?? CASE_STREAM_PREFIX;
    const now = options.now ?? ((): Date => new Date());
    const names = projections.map((p) => p.name);
    const progress: RebuildProgress = { applied: 0, total: 0 };
    for await (const _ of store.readAll({ streamPrefix })) progress.total += 1;
    options.onProgress?.({ ...progress });

    await withTransientRetry(() =>
      database.db.transaction().execute(async (trx) => {
        for (const table of new Set(projections.flatMap((p) => p.tables))) await trx.deleteFrom(table).execute();
        await setCheckpoints(trx, names, null, now());
      }),
    );

    const isKnown = options.isKnownEventType ?? isCaseEventType;
    const unknownTypes: Record<string, number> = {};
    const flush = async (batch: StoredEvent[]): Promise<void> => {
      if (lost) throw new Error(`read-model lock lost during the rebuild: ${lost}`);
      // A batch that met a transient error rolled back whole: retrying it is safe.
      await withTransientRetry(() => database.db.transaction().execute(async (trx) => {
        for (const event of batch) {
          if (!isKnown(event.type)) {
            unknownTypes[event.type] = (unknownTypes[event.type] ?? 0) + 1;
            continue;
          }
          for (const projection of projections) {
            try {
              await projection.apply(trx, event);
            } catch (error) {
              throw new ProjectionApplyError(projection.name, event, error);
            }
          }
        }
        await setCheckpoints(trx, names, batch[batch.length - 1].position, now());
      }));
      progress.applied += batch.length;
      progress.total = Math.max(progress.total, progress.applied);
      options.onProgress?.({ ...progress });
    };

    const batchSize = options.batchSize ?? 1000;
    let batch: StoredEvent[] = [];
    for await (const event of store.readAll({ streamPrefix })) {
      batch.push(event);
      if (batch.length >= batchSize) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await flush(batch);

    for (const [type, count] of Object.entries(unknownTypes)) {
      logger.warn({ eventType: type, count }, 'rebuild skipped events of unknown type');
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const events = progress.applied;
    return { events, seconds, eventsPerSecond: seconds > 0 ? events / seconds : events, unknownTypes };
  } finally {
    await lock.release();
  }
}
