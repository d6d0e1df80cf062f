import type { BusinessDate } from '../case/case-events';
import { isValidBusinessDate } from '../dates/business-date';

/**
 * The comparisons of dates/business-date for the norm engine's hot path, with the same contracts: a date that
 * is not a valid YYYY-MM-DD throws the same RangeError. Valid YYYY-MM-DD dates order as text exactly as in
 * time, so once a date is known valid, comparing is comparing text; parsing both dates on every comparison
 * (a regular expression each) was the larger part of judging a case, and a rebuild judges every case at every
 * step date. The dates found valid are remembered: every case names dates from the same few decades.
 */
const knownValid = new Set<string>();
const MAX_REMEMBERED = 100_000;

/** The date itself when valid, else a RangeError as business-date's parser throws. */
export const requireDate = (date: unknown): BusinessDate => {
  if (typeof date === 'string' && knownValid.has(date)) return date;
  if (!isValidBusinessDate(date)) throw new RangeError(`Not a business date (YYYY-MM-DD): ${String(date)}`);
  if (knownValid.size >= MAX_REMEMBERED) knownValid.clear();
  knownValid.add(date);
  return date;
};

/** isValidBusinessDate, remembering; a length check first turns away the ids and refs of most data fields. */
export const isDate = (value: unknown): value is BusinessDate => {
  if (typeof value !== 'string' || value.length !== 10) return false;
  if (knownValid.has(value)) return true;
  if (!isValidBusinessDate(value)) return false;
  if (knownValid.size >= MAX_REMEMBERED) knownValid.clear();
  knownValid.add(value);
  return true;
};

/** -1, 0 or 1, for sorting. Both dates must be valid (checked in this order, as compareDates does). */
export const compareDates = (a: BusinessDate, b: BusinessDate): -1 | 0 | 1 => {
  const x = requireDate(a);
  const y = requireDate(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

export const isBefore = (a: BusinessDate, b: BusinessDate): boolean => compareDates(a, b) < 0;
export const isAfter = (a: BusinessDate, b: BusinessDate): boolean => compareDates(a, b) > 0;
export const isOnOrBefore = (a: BusinessDate, b: BusinessDate): boolean => compareDates(a, b) <= 0;

/** The earlier of two dates. */
export const minDate = (a: BusinessDate, b: BusinessDate): BusinessDate => (isBefore(b, a) ? b : a);
