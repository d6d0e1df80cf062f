import type { Kysely } from 'kysely';
import { addCalendarMonthsClamped, addDays, isAfter, isValidBusinessDate } from '@app/domain';
import type { ReadModelSchema } from '@app/read-models';
import type { InflowInterval } from './kpi-query.dto';
import { validationProblem } from '../problem-details/validation';
import { type DayTypeCounts, type InflowDays, inflowDays } from './inflow-days.query';

/** Most points one series or inflow answer holds: ten years of weeks. */
export const MAX_POINTS = 520;

const tooManyPoints = () =>
  validationProblem([{ field: 'from', rule: 'maxPoints', message: `the range from .. to gives more than ${MAX_POINTS} points; narrow it` }]);

/** Calendar arithmetic that stops at year 9999 instead of throwing: the range simply ends there. */
const orEnd = (next: () => string): string | undefined => {
  try {
    const date = next();
    return isValidBusinessDate(date) ? date : undefined;
  } catch {
    return undefined;
  }
};

/** The dates of a series: `from`, then every week or month after it, up to and including `to`. */
export function seriesDates(from: string, to: string, interval: 'week' | 'month'): string[] {
  const dates: string[] = [];
  for (let i = 0, date: string | undefined = from; date !== undefined && !isAfter(date, to); i++) {
    if (dates.length === MAX_POINTS) throw tooManyPoints();
    dates.push(date);
    date = orEnd(() => (interval === 'week' ? addDays(from, 7 * (i + 1)) : addCalendarMonthsClamped(from, i + 1)));
  }
  return dates;
}

/** 400 naming `to` when a range ends before it starts. */
export function checkRange(from: string, to: string): void {
  if (isAfter(from, to)) throw validationProblem([{ field: 'to', rule: 'notBeforeFrom', message: 'to must not be before from' }]);
}

const INTERVAL_MONTHS: Record<InflowInterval, number> = { month: 1, quarter: 3, halfyear: 6 };

/** Calendar-aligned intervals (months, quarters, half years) that meet [from, to], clipped to it. */
export function intervals(from: string, to: string, interval: InflowInterval): Array<{ key: string; start: string; end: string }> {
  const months = INTERVAL_MONTHS[interval];
  const year = Number(from.slice(0, 4));
  const firstMonth = Math.floor((Number(from.slice(5, 7)) - 1) / months) * months + 1;
  const out: Array<{ key: string; start: string; end: string }> = [];
  for (let start: string | undefined = `${year}-${String(firstMonth).padStart(2, '0')}-01`; start !== undefined && !isAfter(start, to); start = orEnd(() => addCalendarMonthsClamped(start as string, months))) {
    if (out.length === MAX_POINTS) throw tooManyPoints();
    const next = orEnd(() => addCalendarMonthsClamped(start as string, months));
    const end = next === undefined ? '9999-12-31' : addDays(next, -1);
    const m = Number(start.slice(5, 7));
    const key = interval === 'month' ? start.slice(0, 7) : interval === 'quarter' ? `${start.slice(0, 4)}-Q${(m + 2) / 3}` : `${start.slice(0, 4)}-H${m < 7 ? 1 : 2}`;
    out.push({ key, start: isAfter(from, start) ? from : start, end: isAfter(end, to) ? to : end });
  }
  return out;
}

type DayCounts = Array<{ day: string; type: string; n: number }>;

const UNKNOWN_TYPE = '(unknown)';

/**
 * Measures started in each interval, and the stock active at each interval's end, optionally per measure type,
 * from per-day counts (inflow-days.query.ts, the pre-aggregate case_inflow_days):
 * - pronounced: measures pronounced on that day (up to the last interval's end);
 * - gone: measures that ended, counted on the later of their pronouncement and their end, the first day from
 *   which "pronounced on or before E and ended on or before E" holds for them.
 * Started in [start, end] is the sum of `pronounced` over it; active at E (pronounced on or before E, not ended
 * on or before E) is the running sum of `pronounced` minus that of `gone` up to E: exactly the per-interval
 * conditions, whatever the order of pronouncement and end. Memory is bounded by days x measure types.
 */
export async function inflowSeries(
  db: Kysely<ReadModelSchema>,
  periods: ReadonlyArray<{ start: string; end: string }>,
  byMeasureType: boolean,
  days: (db: Kysely<ReadModelSchema>, lastEnd: string) => Promise<InflowDays> = inflowDays,
): Promise<Array<{ started: Record<string, number>; activeAtEnd: Record<string, number> }>> {
  if (periods.length === 0) return [];
  const lastEnd = periods[periods.length - 1].end;
  const counts = await days(db, lastEnd);
  const toDays = (rows: DayTypeCounts): DayCounts =>
    rows
      .map((r) => ({ day: r.day, type: byMeasureType ? (r.measureType ?? UNKNOWN_TYPE) : 'all', n: r.n }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const pronounced = toDays(counts.pronounced);
  const gone = toDays(counts.gone);

  const add = (into: Map<string, number>, type: string, n: number) => into.set(type, (into.get(type) ?? 0) + n);
  const cumulativePronounced = new Map<string, number>();
  const cumulativeGone = new Map<string, number>();
  let p = 0;
  let g = 0;
  const out = [];
  for (const period of periods) {
    const started = new Map<string, number>();
    for (; p < pronounced.length && pronounced[p].day <= period.end; p++) {
      const { day, type, n } = pronounced[p];
      add(cumulativePronounced, type, n);
      if (day >= period.start) add(started, type, n);
    }
    for (; g < gone.length && gone[g].day <= period.end; g++) add(cumulativeGone, gone[g].type, gone[g].n);
    const active = new Map<string, number>();
    for (const [type, n] of cumulativePronounced) {
      const stock = n - (cumulativeGone.get(type) ?? 0);
      if (stock > 0) active.set(type, stock);
    }
    out.push({ started: fold(started, byMeasureType), activeAtEnd: fold(active, byMeasureType) });
  }
  return out;
}

/** Per measure type (only those with a count, in key order), or { all } - as the per-interval queries gave. */
function fold(counts: Map<string, number>, byMeasureType: boolean): Record<string, number> {
  if (!byMeasureType) return { all: counts.get('all') ?? 0 };
  return Object.fromEntries([...counts.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
