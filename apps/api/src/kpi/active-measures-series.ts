import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';

/** Index of the first date >= value in ascending dates (dates.length if none). */
export function firstOnOrAfter(dates: readonly string[], value: string): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (dates[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The active measures on each of the (ascending) dates, from the pre-aggregate active_measure_deltas
 * (kpi-aggregates/active-measure-deltas.ts): the count on D is the sum of the deltas of the days up to D. One
 * statement folds every day before the first date into that date and returns the days of the range (a few
 * hundred rows a year, however many segments there are); the running sum is taken here. The rows come back in
 * no particular order (no ORDER BY: the dialects collate text differently), each is added to the first date on
 * or after its day. (GROUP BY 1: PostgreSQL would not match a repeated expression with other parameters.)
 */
export async function activeMeasuresOn(db: Kysely<ReadModelSchema>, dates: readonly string[]): Promise<number[]> {
  if (dates.length === 0) return [];
  const first = dates[0];
  const last = dates[dates.length - 1];
  const { rows } = await sql<{ day: string; delta: number | string }>`
    select case when day < ${first} then ${first} else day end as day, sum(delta) as delta
    from ${sql.table('active_measure_deltas')} where day <= ${last}
    group by 1`.execute(db);
  const added = new Array<number>(dates.length).fill(0);
  for (const row of rows) added[firstOnOrAfter(dates, row.day)] += Number(row.delta);
  return runningSums(added);
}

/** The running sums of per-date changes: the count on each date. */
export function runningSums(changes: readonly number[]): number[] {
  let running = 0;
  return changes.map((delta) => (running += delta));
}
