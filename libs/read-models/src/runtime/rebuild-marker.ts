import type { Kysely } from 'kysely';
import type { ReadModelSchema } from '../database/read-model-schema';

/**
 * A rebuild that feeds whole streams fills the tables in stream order, not log order: half-way, the rows
 * reflect no position of the log, and a runner continuing from the (empty) checkpoint would apply every event
 * again on top of them. So such a rebuild leaves a marker row beside each projection's checkpoint for as long as
 * it runs; it goes in the rebuild's first transaction and out in its last, with the final checkpoints. A runner
 * that finds one refuses to start: the read models must be rebuilt again.
 */
export const rebuildMarkerOf = (projection: string): string => `${projection} (rebuild unfinished)`;

export class UnfinishedRebuildError extends Error {
  constructor(readonly projections: readonly string[]) {
    super(
      `The read models of ${projections.join(', ')} hold an unfinished rebuild (it failed or was stopped): ` +
        'run `npm run projections:rebuild` before starting the projections.',
    );
    this.name = 'UnfinishedRebuildError';
  }
}

export async function setRebuildMarkers(db: Kysely<ReadModelSchema>, projections: readonly string[], now: Date): Promise<void> {
  if (projections.length === 0) return;
  await db
    .insertInto('projection_checkpoints')
    .values(projections.map((name) => ({ projection: rebuildMarkerOf(name), position: null, updated_at: now.toISOString() })))
    .onConflict((oc) => oc.column('projection').doUpdateSet({ updated_at: now.toISOString() }))
    .execute();
}

export async function clearRebuildMarkers(db: Kysely<ReadModelSchema>, projections: readonly string[]): Promise<void> {
  if (projections.length === 0) return;
  await db.deleteFrom('projection_checkpoints').where('projection', 'in', projections.map(rebuildMarkerOf)).execute();
}

/** Throws UnfinishedRebuildError when any of the projections has a marker. */
export async function assertNoUnfinishedRebuild(db: Kysely<ReadModelSchema>, projections: readonly string[]): Promise<void> {
  if (projections.length === 0) return;
  const rows = await db
    .selectFrom('projection_checkpoints')
    .select('projection')
    .where('projection', 'in', projections.map(rebuildMarkerOf))
    .execute();
  const unfinished = projections.filter((name) => rows.some((row) => row.projection === rebuildMarkerOf(name)));
  if (unfinished.length > 0) throw new UnfinishedRebuildError(unfinished);
}

/** Whether any projection has a marker: a rebuild in stream order is running, or died. */
export async function anyUnfinishedRebuild(db: Kysely<ReadModelSchema>): Promise<boolean> {
  const rows = await db
    .selectFrom('projection_checkpoints')
    .select('projection')
    .where('projection', 'like', `%${rebuildMarkerOf('')}`)
    .limit(1)
    .execute();
  return rows.length > 0;
}
