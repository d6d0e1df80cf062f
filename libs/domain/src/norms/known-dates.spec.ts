import * as slow from '../dates/business-date';
import { compareDates, isAfter, isBefore, isDate, isOnOrBefore, minDate, requireDate } from './known-dates';

/** The result, or the error's class and message: the two must agree on both. */
const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
};

/**
 * A reference that never compares text: the order of two dates from their day numbers (daysBetween parses its
 * `to` first, so each reference checks the dates in the order the fast function does).
 */
const byDays = (a: string, b: string): number => Math.sign(slow.daysBetween(b, a)) || 0;
const reference = {
  compareDates: byDays,
  isBefore: (a: string, b: string) => byDays(a, b) < 0,
  isAfter: (a: string, b: string) => byDays(a, b) > 0,
  isOnOrBefore: (a: string, b: string) => byDays(a, b) <= 0,
  minDate: (a: string, b: string) => (byDays(b, a) < 0 ? b : a),
};

describe('known-dates (text comparison of dates checked once)', () => {
  // Valid dates across centuries, month ends and leap days, and strings that only look like dates.
  const valid = ['0001-01-01', '0999-12-31', '1970-01-01', '2020-02-29', '2021-02-28', '2021-03-01', '2021-12-31', '9999-12-31'];
  const invalid = ['2021-02-29', '2021-13-01', '2021-00-10', '2021-1-01', '21-01-01', '2021-01-01T00:00', '', 'not a date'];
  const dates = [...valid, ...invalid];

  it.each([
    ['compareDates', compareDates, reference.compareDates],
    ['isBefore', isBefore, reference.isBefore],
    ['isAfter', isAfter, reference.isAfter],
    ['isOnOrBefore', isOnOrBefore, reference.isOnOrBefore],
    ['minDate', minDate, reference.minDate],
  ] as const)('%s agrees with day arithmetic on every pair, throwing alike', (_name, fast, expected) => {
    for (const a of dates) {
      for (const b of dates) {
        // Twice: the second time the valid ones are remembered.
        for (let round = 0; round < 2; round += 1) {
          expect({ a, b, result: outcome(() => fast(a, b)) }).toEqual({ a, b, result: outcome(() => expected(a, b)) });
        }
      }
    }
  });

  it('checks a date as isValidBusinessDate does', () => {
    for (const date of [...dates, 20210101, null, undefined]) {
      expect(isDate(date)).toBe(slow.isValidBusinessDate(date));
      expect(outcome(() => requireDate(date))).toEqual(
        slow.isValidBusinessDate(date) ? date : `RangeError: Not a business date (YYYY-MM-DD): ${String(date)}`,
      );
    }
  });
});
