import type { BusinessDate } from '../case/case-events';

/**
 * Business dates are calendar dates (YYYY-MM-DD, Europe/Amsterdam). They are kept as strings and computed with
 * integer day arithmetic, never through `Date` in local time: a replay years later, on a server in another time
 * zone, must give the same deadlines. The civil <-> day-number conversions are Howard Hinnant's algorithms
 * (proleptic Gregorian calendar).
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Number of days in a month (month 1-12). */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const parse = (value: unknown): CivilDate | undefined => {
  if (typeof value !== 'string') return undefined;
  const match = DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
};

const knownValid = new Set<string>();
const MAX_REMEMBERED_DATES = 100_000;

/**
 * Strict YYYY-MM-DD that names a real calendar day (2021-02-29 is not one). Valid dates are remembered
 * (bounded): a replay or a rebuild checks the same few thousand dates millions of times, and parsing each time
 * (a regular expression) was much of the cost of folding and judging a case.
 */
export const isValidBusinessDate = (value: unknown): value is BusinessDate => {
  if (typeof value !== 'string') return false;
  if (knownValid.has(value)) return true;
  if (parse(value) === undefined) return false;
  if (knownValid.size >= MAX_REMEMBERED_DATES) knownValid.clear();
  knownValid.add(value);
  return true;
};

/** The date itself when valid, else the parser's RangeError. */
export const requireDate = (date: unknown): BusinessDate => {
  if (!isValidBusinessDate(date)) throw new RangeError(`Not a business date (YYYY-MM-DD): ${String(date)}`);
  return date;
};

const parseOrThrow = (date: BusinessDate): CivilDate => {
  const civil = parse(date);
  if (!civil) throw new RangeError(`Not a business date (YYYY-MM-DD): ${String(date)}`);
  return civil;
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const format = ({ year, month, day }: CivilDate): BusinessDate =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/** Days since 1970-01-01 (negative before). */
const toDayNumber = ({ year, month, day }: CivilDate): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
};

const fromDayNumber = (dayNumber: number): CivilDate => {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
};

/**
 * -1, 0 or 1, for sorting. Both dates must be valid. Valid dates (exactly four year digits) order as text
 * exactly as in time.
 */
export const compareDates = (a: BusinessDate, b: BusinessDate): -1 | 0 | 1 => {
  const x = requireDate(a);
  const y = requireDate(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

export const isBefore = (a: BusinessDate, b: BusinessDate): boolean => compareDates(a, b) < 0;
export const isAfter = (a: BusinessDate, b: BusinessDate): boolean => compareDates(a, b) > 0;
export const isOnOrBefore = (a: BusinessDate, b: BusinessDate): boolean => compareDates(a, b) <= 0;
export const isOnOrAfter = (a: BusinessDate, b: BusinessDate): boolean => compareDates(a, b) >= 0;

/** The later of two dates. */
export const maxDate = (a: BusinessDate, b: BusinessDate): BusinessDate => (isAfter(b, a) ? b : a);
/** The earlier of two dates. */
export const minDate = (a: BusinessDate, b: BusinessDate): BusinessDate => (isBefore(b, a) ? b : a);

/** date + days (days may be negative). "6 weeks" in the norms is addDays(date, 42). */
export const addDays = (date: BusinessDate, days: number): BusinessDate => {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return format(fromDayNumber(toDayNumber(parseOrThrow(date)) + days));
};

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: BusinessDate, to: BusinessDate): number =>
  toDayNumber(parseOrThrow(to)) - toDayNumber(parseOrThrow(from));

/**
 * The same day of the month `months` months later, clamped to the last day of a shorter month: the brief's
 * reading of "3 months" (2020-11-30 + 3 months = 2021-02-28).
 */
export const addCalendarMonthsClamped = (date: BusinessDate, months: number): BusinessDate => {
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const { year, month, day } = parseOrThrow(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
};

/** ISO day of the week: 1 = Monday ... 7 = Sunday. Working-day calendars build on it. */
export const isoDayOfWeek = (date: BusinessDate): number => {
  // 1970-01-01 was a Thursday (4).
  const n = toDayNumber(parseOrThrow(date));
  return ((((n + 3) % 7) + 7) % 7) + 1;
};
