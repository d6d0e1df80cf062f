import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';

/**
 * Each case's status segment that holds on `date` (valid_from <= date < valid_until), joined to its summary:
 * the base of the worklist, which filters on summary columns (the timeliness KPI reads the segments by
 * pronouncement alone: timeliness.query.ts; the "active measures on a date" KPIs: active-segments.ts). The
 * segments come from the domain's caseTimeline, so a figure here is what the norm engine says of each case then.
 */
export const casesOn = (db: Kysely<ReadModelSchema>, date: string) =>
  db
    .selectFrom('case_summaries as c')
    .innerJoin('case_status_segments as s', 's.case_id', 'c.case_id')
    .where('s.valid_from', '<=', date)
    .where((eb) => eb.or([eb('s.valid_until', 'is', null), eb('s.valid_until', '>', date)]));

/** COUNT(*) as a number in both dialects (PostgreSQL returns bigint counts as strings). */
export const countAll = () => sql<string | number>`count(*)`;
export const toCount = (value: string | number | bigint): number => Number(value);
