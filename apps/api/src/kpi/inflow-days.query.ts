import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';
import { countAll, toCount } from './count-all';

/** Per day and measure type (null when the case has none), a count; only days and types that count. */
export type DayTypeCounts = Array<{ day: string; measureType: string | null; n: number }>;

export interface InflowDays {
  /** Measures pronounced on each day. */
  pronounced: DayTypeCounts;
  /** Measures that ended, on the later of their pronouncement and their end (period-queries.ts). */
  gone: DayTypeCounts;
}

/**
 * The inflow KPI's day counts up to `lastEnd`, from the pre-aggregate case_inflow_days (kpi-aggregates/): one
 * row per day and measure type instead of a grouped scan of every case pronounced in the decade.
 */
export async function inflowDays(db: Kysely<ReadModelSchema>, lastEnd: string): Promise<InflowDays> {
  const rows = await db
    .selectFrom('case_inflow_days as a')
    .where('a.day', '<=', lastEnd)
    .select(['a.day', sql<string | null>`nullif(${sql.ref('a.measure_type')}, '')`.as('measure_type'), 'a.pronounced', 'a.gone'])
    .execute();
  const of = (count: 'pronounced' | 'gone'): DayTypeCounts =>
    rows.map((r) => ({ day: r.day, measureType: r.measure_type, n: toCount(r[count]) })).filter((r) => r.n > 0);
  return { pronounced: of('pronounced'), gone: of('gone') };
}

/** The same counts grouped over case_summaries: the reference the aggregate is tested against. */
export async function inflowDaysFromCases(db: Kysely<ReadModelSchema>, lastEnd: string): Promise<InflowDays> {
  const pronouncedRows = await db
    .selectFrom('case_summaries as c')
    .where('c.pronounced_on', '<=', lastEnd)
    .select(['c.pronounced_on as day', 'c.measure_type', countAll().as('n')])
    .groupBy(['c.pronounced_on', 'c.measure_type'])
    .execute();
  const goneDay = sql<string>`case when ${sql.ref('c.ended_on')} > ${sql.ref('c.pronounced_on')} then ${sql.ref('c.ended_on')} else ${sql.ref('c.pronounced_on')} end`;
  const goneRows = await db
    .selectFrom('case_summaries as c')
    .where('c.pronounced_on', '<=', lastEnd)
    .where('c.ended_on', '<=', lastEnd)
    .select([goneDay.as('day'), 'c.measure_type', countAll().as('n')])
    .groupBy([goneDay, 'c.measure_type'])
    .execute();
  const of = (rows: Array<{ day: string | null; measure_type: string | null; n: string | number }>): DayTypeCounts =>
    rows.filter((r) => r.day !== null).map((r) => ({ day: r.day as string, measureType: r.measure_type, n: toCount(r.n) }));
  return { pronounced: of(pronouncedRows), gone: of(goneRows) };
}
