import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';

/**
 * Each case's status segment that holds on `date` (valid_from <= date < valid_until), joined to its summary:
 * the base of every "as of" KPI. The segments come from the domain's caseTimeline, so a figure here is what
 * the norm engine says of each case on that date.
 */
export const casesOn = (db: Kysely<ReadModelSchema>, date: string) =>
  db
    .selectFrom('case_summaries as c')
    .innerJoin('case_status_segments as s', 's.case_id', 'c.case_id')
    .where('s.valid_from', '<=', date)
    .where((eb) => eb.or([eb('s.valid_until', 'is', null), eb('s.valid_until', '>', date)]));

/**
 * casesOn restricted to segments with an active measure, said with the literal 1 so that both planners may use
 * the partial index case_status_segments_active_on (WHERE measure_active = 1; a bound parameter would not prove
 * the index's condition to SQLite).
 */
export const activeCasesOn = (db: Kysely<ReadModelSchema>, date: string) =>
  casesOn(db, date).where('s.measure_active', '=', sql.lit(1));

/** COUNT(*) as a number in both dialects (PostgreSQL returns bigint counts as strings). */
export const countAll = () => sql<string | number>`count(*)`;
export const toCount = (value: string | number | bigint): number => Number(value);
