import type { BusinessDate } from '../case/case-events';
import { addDays, isoDayOfWeek, isValidBusinessDate } from '../dates/business-date';

/** A day off under a calendar policy, named so an auditor can see why a deadline moved. */
export interface PolicyHoliday {
  date: BusinessDate;
  name: string;
}

/**
 * Which days count as working days. The protector norm counts "5 working days" after the GI was notified
 * (seed 003, ch. 4, norm 1), and what a working day is depends on an agreement, not on the law, so the rules are
 * a named, versioned policy. The policy id goes into every verdict (BRIEF "Dates and calendars"): a replay years
 * later must find the same rules under the same id, so an id never changes meaning - new rules get a new id.
 */
export interface CalendarPolicy {
  readonly id: string;
  /** The version of the rules behind the id, for audit trails; bumped only with a new id. */
  readonly version: string;
  readonly description: string;
  isWorkingDay(date: BusinessDate): boolean;
  /** The policy's days off in a calendar year, weekend or not, sorted by date. */
  holidaysIn(year: number): readonly PolicyHoliday[];
}

export interface CalendarPolicySpec {
  id: string;
  version: string;
  description: string;
  /** The days off of one year (any order; two names on one date are merged). Called once per year. */
  holidays: (year: number) => readonly PolicyHoliday[];
}

const requireDate = (date: BusinessDate): BusinessDate => {
  if (!isValidBusinessDate(date)) throw new RangeError(`Not a business date (YYYY-MM-DD): ${String(date)}`);
  return date;
};

/** Saturday or Sunday: never a working day under any policy of this service. */
export const isWeekend = (date: BusinessDate): boolean => isoDayOfWeek(requireDate(date)) >= 6;

const mergeByDate = (holidays: readonly PolicyHoliday[]): readonly PolicyHoliday[] => {
  const byDate = new Map<BusinessDate, string[]>();
  for (const { date, name } of holidays) byDate.set(date, [...(byDate.get(date) ?? []), name]);
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, names]) => ({ date, name: names.join(' / ') }));
};

/**
 * A policy from its days off: Monday to Friday except those. The days of a year are computed once and kept
 * (pure memoisation: the same year always gives the same days), since every deadline asks again.
 */
export const defineCalendarPolicy = (spec: CalendarPolicySpec): CalendarPolicy => {
  const cache = new Map<number, { list: readonly PolicyHoliday[]; dates: ReadonlySet<BusinessDate> }>();
  const yearOf = (year: number) => {
    if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
    let entry = cache.get(year);
    if (!entry) {
      const list = Object.freeze(mergeByDate(spec.holidays(year)));
      entry = { list, dates: new Set(list.map((holiday) => holiday.date)) };
      cache.set(year, entry);
    }
    return entry;
  };
  return Object.freeze({
    id: spec.id,
    version: spec.version,
    description: spec.description,
    isWorkingDay: (date: BusinessDate) => !isWeekend(date) && !yearOf(Number(date.slice(0, 4))).dates.has(date),
    holidaysIn: (year: number) => yearOf(year).list,
  });
};

/** No real policy has a month without a working day. */
const MAX_DAYS_OFF_IN_A_ROW = 31;

/**
 * The n-th working day strictly after `date` (BRIEF: "5 working days after day N" is the 5th working day
 * strictly after N), whatever kind of day `date` itself is.
 */
export const addWorkingDays = (policy: CalendarPolicy, date: BusinessDate, n: number): BusinessDate => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Not a positive whole number of working days: ${n}`);
  // Pure memoisation: a policy never changes its days, and the norm engine asks for the same few deadlines over
  // and over (every date of every case timeline). Bounded: cleared when it grows past what decades of dates use.
  let known = workingDaysAdded.get(policy);
  if (!known) workingDaysAdded.set(policy, (known = new Map()));
  const key = `${date}+${n}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const result = countWorkingDays(policy, date, n);
  if (known.size >= MAX_REMEMBERED_DEADLINES) known.clear();
  known.set(key, result);
  return result;
};

const workingDaysAdded = new WeakMap<CalendarPolicy, Map<string, BusinessDate>>();
const MAX_REMEMBERED_DEADLINES = 100_000;

const countWorkingDays = (policy: CalendarPolicy, date: BusinessDate, n: number): BusinessDate => {
  let current = requireDate(date);
  for (let counted = 0, daysOff = 0; counted < n; ) {
    current = addDays(current, 1);
    if (policy.isWorkingDay(current)) {
      counted += 1;
      daysOff = 0;
    } else if (++daysOff > MAX_DAYS_OFF_IN_A_ROW) {
      // A broken policy (every day off) must fail, not hang a projection.
      throw new RangeError(`${policy.id}: no working day in ${MAX_DAYS_OFF_IN_A_ROW} days after ${date}`);
    }
  }
  return current;
};
