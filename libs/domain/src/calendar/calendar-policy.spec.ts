import { addWorkingDays, defineCalendarPolicy, isWeekend } from './calendar-policy';
import { caoJeugdzorg } from './cao-jeugdzorg';

describe('addWorkingDays under cao-jeugdzorg', () => {
  // The BRIEF's worked examples, then edges: start on a weekend or holiday, across a year end.
  it.each([
    ['2021-04-01', 5, '2021-04-09', 'BRIEF: Good Friday counts, Easter Monday skipped'],
    ['2021-04-23', 5, '2021-05-03', "BRIEF: King's Day Tue 27 April skipped"],
    ['2021-05-04', 5, '2021-05-12', 'BRIEF: Liberation Day 5 May skipped'],
    ['2020-12-23', 5, '2020-12-31', 'BRIEF: Christmas skipped, Boxing Day on Saturday'],
    ['2021-03-03', 5, '2021-03-10', 'a plain week'],
    ['2021-03-06', 5, '2021-03-12', 'notified on a Saturday: Monday is day 1'],
    ['2021-04-05', 1, '2021-04-06', 'notified on Easter Monday'],
    ['2021-05-12', 5, '2021-05-20', 'Ascension Day 13 May skipped'],
    ['2021-05-20', 5, '2021-05-28', 'Whit Monday 24 May skipped'],
    ['2026-12-24', 5, '2027-01-04', "Christmas and New Year's Day 2027 skipped"],
    ['2025-04-25', 5, '2025-05-02', "King's Day 2025 falls on Saturday 26 April: nothing extra skipped"],
    ['2021-04-30', 1, '2021-05-03', 'n = 1 over a weekend'],
  ])('%s + %i working days = %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(caoJeugdzorg, date, n)).toBe(expected);
  });

  it.each([0, -1, 1.5])('refuses %p working days', (n) => {
    expect(() => addWorkingDays(caoJeugdzorg, '2021-03-03', n)).toThrow(RangeError);
  });

  it('fails instead of hanging under a policy without working days', () => {
    const never = { ...caoJeugdzorg, id: 'never', isWorkingDay: () => false };
    expect(() => addWorkingDays(never, '2021-03-03', 1)).toThrow(/no working day/);
  });

  it('refuses a date that is not a business date', () => {
    expect(() => addWorkingDays(caoJeugdzorg, '2021-02-29', 5)).toThrow(RangeError);
  });
});

describe('defineCalendarPolicy', () => {
  it('treats weekends and the listed days as days off, and computes each year once', () => {
    const holidays = jest.fn((year: number) => [{ date: `${year}-03-03`, name: 'Test day' }]);
    const policy = defineCalendarPolicy({ id: 'test', version: '1', description: 'test', holidays });
    expect(policy.isWorkingDay('2021-03-03')).toBe(false);
    expect(policy.isWorkingDay('2021-03-04')).toBe(true);
    expect(policy.isWorkingDay('2021-03-06')).toBe(false);
    expect(policy.holidaysIn(2021)).toEqual([{ date: '2021-03-03', name: 'Test day' }]);
    expect(holidays).toHaveBeenCalledTimes(1);
  });

  it('knows the weekend', () => {
    expect([isWeekend('2021-04-24'), isWeekend('2021-04-25'), isWeekend('2021-04-26')]).toEqual([true, true, false]);
  });
});
