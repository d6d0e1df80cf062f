import { type Kysely, sql } from 'kysely';
import { caseReadModelProjections, type ReadModelSchema } from '@app/read-models';

export type TableDump = Record<string, Array<Record<string, unknown>>>;

/**
 * Every case read-model table and the case projections' checkpoints (not the access log's, which has a runner
 * of its own) in key order, values normalised (numbers as strings: SQLite returns BIGINT columns as
 * numbers, PostgreSQL as strings), so dumps compare across runs and across dialects. Checkpoint times and the
 * lock's lease are left out: they record when, not what. Rows are sorted here rather than in SQL, where the
 * two dialects collate text differently.
 */
export async function dumpReadModels(db: Kysely<ReadModelSchema>): Promise<TableDump> {
  const normalise = (rows: Array<Record<string, unknown>>, ...keys: string[]) =>
    rows
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [key, typeof value === 'number' || typeof value === 'bigint' ? String(value) : value]),
        ),
      )
      .sort((a, b) => {
        const ka = keys.map((key) => String(a[key])).join('\u0000');
        const kb = keys.map((key) => String(b[key])).join('\u0000');
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
  return {
    projection_checkpoints: normalise(
      await db
        .selectFrom('projection_checkpoints')
        .select(['projection', sql<string | null>`cast(position as text)`.as('position')])
        .where('projection', 'in', caseReadModelProjections().map((projection) => projection.name))
        .execute(),
      'projection',
    ),
    case_summaries: normalise(await db.selectFrom('case_summaries').selectAll().execute(), 'case_id'),
    case_waitlist_entries: normalise(
      await db.selectFrom('case_waitlist_entries').selectAll().execute(),
      'case_id',
      'placed_by_event_id',
    ),
    step_registrations: normalise(await db.selectFrom('step_registrations').selectAll().execute(), 'event_id'),
    case_status_segments: normalise(await db.selectFrom('case_status_segments').selectAll().execute(), 'case_id', 'valid_from'),
  };
}
