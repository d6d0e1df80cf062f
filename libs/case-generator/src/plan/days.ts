import type { BusinessDate } from '@app/domain';

/**
 * Date arithmetic for planning, which does it millions of times per run: a table of the days a run can touch
 * (1990-2060), so moving a date by n days is two lookups instead of parsing and formatting. Same calendar as the
 * domain's (proleptic Gregorian, UTC days); the domain still checks every date the decider sees.
 * YYYY-MM-DD strings compare (<, >) as the dates they name.
 */
const FIRST_DAY = Date.UTC(1990, 0, 1) / 86_400_000;
const DAYS = Date.UTC(2061, 0, 1) / 86_400_000 - FIRST_DAY;

let names: string[] | undefined;
let numbers: Map<string, number> | undefined;

const table = (): { names: string[]; numbers: Map<string, number> } => {
  if (!names || !numbers) {
    names = Array.from({ length: DAYS }, (_, i) => new Date((FIRST_DAY + i) * 86_400_000).toISOString().slice(0, 10));
    numbers = new Map(names.map((name, i) => [name, i]));
  }
  return { names, numbers };
};

const dayNumber = (date: BusinessDate): number => {
  const n = table().numbers.get(date);
  if (n === undefined) throw new RangeError(`Not a business date between 1990 and 2060: ${date}`);
  return n;
};

export const plusDays = (date: BusinessDate, days: number): BusinessDate => {
  const name = table().names[dayNumber(date) + days];
  if (name === undefined) throw new RangeError(`${date} + ${days} days lies outside 1990-2060`);
  return name;
};

export const daysFrom = (from: BusinessDate, to: BusinessDate): number => dayNumber(to) - dayNumber(from);

export const later = (a: BusinessDate, b: BusinessDate): BusinessDate => (b > a ? b : a);
export const earlier = (a: BusinessDate, b: BusinessDate): BusinessDate => (b < a ? b : a);

/** ISO day of the week, 1 = Monday ... 7 = Sunday (day 0 of the table, 1990-01-01, was a Monday). */
export const weekday = (date: BusinessDate): number => (dayNumber(date) % 7) + 1;

const DAY_MS = 86_400_000;

/** Epoch milliseconds of the start (00:00 UTC) of a day. */
export const startOfDayMs = (date: BusinessDate): number => (FIRST_DAY + dayNumber(date)) * DAY_MS;

/** The UTC calendar day of an instant. */
export const dayOfMs = (ms: number): BusinessDate => {
  const name = table().names[Math.floor(ms / DAY_MS) - FIRST_DAY];
  if (name === undefined) throw new RangeError(`${new Date(ms).toISOString()} lies outside 1990-2060`);
  return name;
};

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** An instant as Date#toISOString writes it (YYYY-MM-DDTHH:mm:ss.sssZ), without making a Date. */
export const isoOfMs = (ms: number): string => {
  const inDay = ms - Math.floor(ms / DAY_MS) * DAY_MS;
  const millis = inDay % 1000;
  const seconds = Math.floor(inDay / 1000);
  return `${dayOfMs(ms)}T${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
};
