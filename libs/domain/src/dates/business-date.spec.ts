import {
  addCalendarMonthsClamped,
  addDays,
  compareDates,
  daysBetween,
  isAfter,
  isBefore,
  isOnOrAfter,
  isOnOrBefore,
  isoDayOfWeek,
  isValidBusinessDate,
  maxDate,
  minDate,
} from './business-date';

describe('isValidBusinessDate', () => {
  it.each(['2021-06-01', '2020-02-29', '2000-02-29', '2021-12-31', '2021-01-01'])('accepts %s', (value) => {
    expect(isValidBusinessDate(value)).toBe(true);
  });

  it.each([
    ['not a leap year', '2021-02-29'],
    ['1900 is not a leap year', '1900-02-29'],
    ['month 13', '2021-13-01'],
    ['month 0', '2021-00-10'],
    ['day 0', '2021-06-00'],
    ['31 April', '2021-04-31'],
    ['no zero padding', '2021-6-1'],
    ['a timestamp', '2021-06-01T00:00:00Z'],
    ['surrounding space', ' 2021-06-01'],
    ['dd-mm-yyyy', '01-06-2021'],
    ['empty', ''],
  ])('rejects %s (%s)', (_why, value) => {
    expect(isValidBusinessDate(value)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isValidBusinessDate(undefined)).toBe(false);
    expect(isValidBusinessDate(20210601)).toBe(false);
    expect(isValidBusinessDate(null)).toBe(false);
  });
});

describe('comparisons', () => {
  it('orders dates', () => {
    expect(compareDates('2021-06-01', '2021-06-02')).toBe(-1);
    expect(compareDates('2021-06-02', '2021-06-01')).toBe(1);
    expect(compareDates('2021-06-01', '2021-06-01')).toBe(0);
    expect(isBefore('2020-12-31', '2021-01-01')).toBe(true);
    expect(isBefore('2021-01-01', '2021-01-01')).toBe(false);
    expect(isAfter('2021-01-01', '2020-12-31')).toBe(true);
    expect(isAfter('2021-01-01', '2021-01-01')).toBe(false);
    expect(isOnOrBefore('2021-01-01', '2021-01-01')).toBe(true);
    expect(isOnOrAfter('2021-01-01', '2021-01-02')).toBe(false);
    expect(maxDate('2021-01-01', '2021-03-01')).toBe('2021-03-01');
    expect(minDate('2021-01-01', '2021-03-01')).toBe('2021-01-01');
  });

  it('refuses to compare invalid dates rather than compare strings', () => {
    expect(() => compareDates('2021-02-30', '2021-03-01')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2021-06-01', 42, '2021-07-13'], // the 6-week course norm
    ['2020-12-31', 1, '2021-01-01'],
    ['2020-02-28', 1, '2020-02-29'],
    ['2021-02-28', 1, '2021-03-01'],
    ['2021-03-01', -1, '2021-02-28'],
    ['2021-03-28', 0, '2021-03-28'], // the DST change day is an ordinary calendar day
    ['1969-12-31', 1, '1970-01-01'],
    ['2021-01-01', 365, '2022-01-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects invalid input', () => {
    expect(() => addDays('2021-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2021-02-01', 1.5)).toThrow(RangeError);
  });

  it('daysBetween is the inverse of addDays', () => {
    expect(daysBetween('2021-06-01', '2021-07-13')).toBe(42);
    expect(daysBetween('2021-07-13', '2021-06-01')).toBe(-42);
  });
});

describe('addCalendarMonthsClamped', () => {
  it.each([
    ['2020-11-30', 3, '2021-02-28'], // the brief's worked example
    ['2019-11-30', 3, '2020-02-29'], // leap year
    ['2021-01-31', 1, '2021-02-28'],
    ['2021-03-31', 3, '2021-06-30'],
    ['2021-06-15', 3, '2021-09-15'],
    ['2021-10-31', 3, '2022-01-31'], // across the year end
    ['2021-12-15', 12, '2022-12-15'],
    ['2021-03-31', -1, '2021-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addCalendarMonthsClamped(date, months)).toBe(expected);
  });

  it('rejects invalid input', () => {
    expect(() => addCalendarMonthsClamped('2021-04-31', 3)).toThrow(RangeError);
  });
});

describe('isoDayOfWeek', () => {
  it.each([
    ['2021-04-01', 4], // Thursday
    ['2021-04-05', 1], // Easter Monday
    ['2021-04-25', 7], // Sunday
    ['1969-12-28', 7], // Sunday before the epoch
  ])('%s is day %i', (date, expected) => {
    expect(isoDayOfWeek(date)).toBe(expected);
  });
});
