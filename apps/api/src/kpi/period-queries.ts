import { type Kysely, type RawBuilder, sql } from 'kysely';
import { addCalendarMonthsClamped, addDays, isAfter, isValidBusinessDate } from '@app/domain';
import type { ReadModelSchema } from '@app/read-models';
import type { InflowInterval } from './kpi-query.dto';
import { validationProblem } from '../problem-details/validation';
import { casesOn, countAll, toCount } from './segment-at';

const distinctChildWhere = (condition: RawBuilder<unknown>) =>
  sql<string | number>`count(distinct case when ${condition} then ${sql.ref('c.child_ref')} end)`;

/** Most points one series or inflow answer holds: ten years of weeks. Each point is a query. */
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

/**
 * How many children with an active measure were waiting on one date: one indexed range query per date.
 * Children are counted once however many measures they have; measures are counted as measures.
 */
export async function waitingCountsOn(db: Kysely<ReadModelSchema>, date: string) {
  const row = await casesOn(db, date)
    .where('s.measure_active', '=', 1)
    .select([
      countAll().as('active'),
      distinctChildWhere(sql`${sql.ref('s.waiting_for_help')} = 1`).as('help'),
      distinctChildWhere(sql`${sql.ref('s.waiting_for_protector')} = 1`).as('protector'),
      distinctChildWhere(sql`${sql.ref('s.help_waitlist_entry_id')} is not null and ${sql.ref('s.waiting_for_help')} = 1`).as('listed'),
    ])
    .executeTakeFirstOrThrow();
  return {
    date,
    activeMeasures: toCount(row.active ?? 0),
    waitingForHelp: toCount(row.help ?? 0),
    onHelpWaitingList: toCount(row.listed ?? 0),
    waitingForProtector: toCount(row.protector ?? 0),
  };
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

/** Measures started in an interval, and the stock active at its end, optionally per measure type. */
export async function inflowIn(db: Kysely<ReadModelSchema>, start: string, end: string, byMeasureType: boolean) {
  const started = await db
    .selectFrom('case_summaries as c')
    .where('c.pronounced_on', '>=', start)
    .where('c.pronounced_on', '<=', end)
    .select(['c.measure_type', countAll().as('n')])
    .groupBy('c.measure_type')
    .execute();
  const stock = await db
    .selectFrom('case_summaries as c')
    .where('c.pronounced_on', '<=', end)
    .where((eb) => eb.or([eb('c.ended_on', 'is', null), eb('c.ended_on', '>', end)]))
    .select(['c.measure_type', countAll().as('n')])
    .groupBy('c.measure_type')
    .execute();
  const fold = (rows: Array<{ measure_type: string | null; n: string | number }>) =>
    byMeasureType
      ? Object.fromEntries(rows.map((r) => [r.measure_type ?? '(unknown)', toCount(r.n)]))
      : { all: rows.reduce((sum, r) => sum + toCount(r.n), 0) };
  return { started: fold(started), activeAtEnd: fold(stock) };
}
