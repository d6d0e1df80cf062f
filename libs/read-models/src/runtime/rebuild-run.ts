import type { StoredEvent } from '@app/event-store';
import type { ReadModelTableName } from '../database/read-model-schema';
import { dropSecondaryIndexes, secondaryIndexesOf } from '../database/secondary-indexes';
import { withTempStorageOnDisk } from '../database/temp-storage';
import { setCheckpoints } from './checkpoints';
import type { Projection } from './projection';
import type { RebuildOptions, RebuildProgress } from './rebuild';
import { setRebuildMarkers } from './rebuild-marker';
import { withTransientRetry } from './transient-errors';

/** One rebuild under way: its settings and what it has counted, shared by the stream and log orders. */
export interface RebuildRun {
  options: RebuildOptions;
  /** Counts of skipped events by unknown type. */
  unknownTypes: Record<string, number>;
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
export async function clearTables(run: RebuildRun, markUnfinished: boolean): Promise<void> {
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

export const tablesOf = (projections: readonly Projection[]): Set<ReadModelTableName> =>
  new Set(projections.flatMap((p) => p.tables));
