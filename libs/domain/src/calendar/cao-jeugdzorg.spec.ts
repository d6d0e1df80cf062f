import { CALENDAR_POLICIES, DEFAULT_CALENDAR_POLICY_ID, calendarPolicy, findCalendarPolicy } from './calendar-policies';
import { caoJeugdzorg, createCaoJeugdzorgPolicy } from './cao-jeugdzorg';
import { addWorkingDays } from './calendar-policy';

/**
 * Every day off of `cao-jeugdzorg` in 2020-2026, written out by hand from the BRIEF's list and Easter dates
 * computed independently (Easter Sunday 2020-04-12, 2021-04-04, 2022-04-17, 2023-04-09, 2024-03-31,
 * 2025-04-20, 2026-04-05; Easter Monday +1, Ascension +39, Whit Monday +50). King's Day 2025 is Saturday
 * 26 April because the 27th is a Sunday; in 2024 it is Saturday 27 April.
 */
const COLUMNS = [
  "New Year's Day",
  'Easter Monday',
  "King's Day",
  'Liberation Day',
  'Ascension Day',
  'Whit Monday',
  'Christmas Day',
  'Boxing Day',
];
// prettier-ignore
const TABLE: [number, string, string, string, string, string, string, string, string][] = [
  // year   New Year  Easter Mon  King's Day  Liberation  Ascension  Whit Mon  Christmas  Boxing Day
  [2020, '01-01', '04-13', '04-27', '05-05', '05-21', '06-01', '12-25', '12-26'],
  [2021, '01-01', '04-05', '04-27', '05-05', '05-13', '05-24', '12-25', '12-26'],
  [2022, '01-01', '04-18', '04-27', '05-05', '05-26', '06-06', '12-25', '12-26'],
  [2023, '01-01', '04-10', '04-27', '05-05', '05-18', '05-29', '12-25', '12-26'],
  [2024, '01-01', '04-01', '04-27', '05-05', '05-09', '05-20', '12-25', '12-26'],
  [2025, '01-01', '04-21', '04-26', '05-05', '05-29', '06-09', '12-25', '12-26'],
  [2026, '01-01', '04-06', '04-27', '05-05', '05-14', '05-25', '12-25', '12-26'],
];
const holidaysOf = ([year, ...days]: (typeof TABLE)[number]) =>
  days.map((monthDay, i) => ({ date: `${year}-${monthDay}`, name: COLUMNS[i] }));
const ALL = TABLE.flatMap(holidaysOf).map(({ date, name }) => [date, name]);

describe('cao-jeugdzorg', () => {
  it.each(TABLE)('has exactly the BRIEF holidays in %i', (...row) => {
    expect(caoJeugdzorg.holidaysIn(row[0])).toEqual(holidaysOf(row));
  });

  it.each(ALL)('%s (%s) is not a working day', (date) => {
    expect(caoJeugdzorg.isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2020-04-10', 'Good Friday'], ['2021-04-02', 'Good Friday'], ['2022-04-15', 'Good Friday'],
    ['2023-04-07', 'Good Friday'], ['2024-03-29', 'Good Friday'], ['2025-04-18', 'Good Friday'],
    ['2026-04-03', 'Good Friday'],
    ['2021-05-04', 'Remembrance of the Dead (observance)'], ['2023-12-05', "St Nicholas' Eve (observance)"],
    ['2022-12-15', 'Kingdom Day (observance)'], ['2021-09-21', "Prince's Day (observance)"],
    ['2021-11-11', 'St Martin (observance)'], ['2021-12-31', "New Year's Eve (bank)"],
    ['2021-12-27', 'Monday after a Christmas on the weekend (no day in lieu)'],
    ['2025-04-28', 'Monday after King\'s Day on Saturday 26 April'],
    ['2021-04-26', 'a plain Monday'],
  ])('%s (%s) is a working day', (date) => {
    expect(caoJeugdzorg.isWorkingDay(date)).toBe(true);
  });

  it.each([
    ['2021-05-09', "Mother's Day"], ['2021-04-04', 'Easter Sunday'], ['2021-05-23', 'Whit Sunday'],
    ['2021-12-05', "St Nicholas' Eve"], ['2021-12-31', "New Year's Eve"], ['2021-04-02', 'Good Friday'],
  ])('does not list %s (%s) as a holiday', (date) => {
    expect(caoJeugdzorg.holidaysIn(2021).map((h) => h.date)).not.toContain(date);
  });

  it('keeps weekends off and holidays on a weekend listed', () => {
    expect(caoJeugdzorg.isWorkingDay('2021-04-24')).toBe(false);
    expect(caoJeugdzorg.isWorkingDay('2021-04-25')).toBe(false);
    expect(caoJeugdzorg.holidaysIn(2025).find((h) => h.name === "King's Day")?.date).toBe('2025-04-26');
  });

  it('merges two holidays on one date (Ascension Day on Liberation Day, 2016)', () => {
    expect(caoJeugdzorg.holidaysIn(2016).filter((h) => h.date === '2016-05-05')).toEqual([
      { date: '2016-05-05', name: 'Ascension Day / Liberation Day' },
    ]);
  });

  it('refuses a year its rules do not cover instead of counting a holiday as a working day', () => {
    expect(() => caoJeugdzorg.isWorkingDay('1975-04-30')).toThrow(/King's Day in 1975/);
  });

  it('gives the same days whatever the time zone of the server', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(createCaoJeugdzorgPolicy().holidaysIn(2021)).toEqual(caoJeugdzorg.holidaysIn(2021));
      process.env.TZ = 'America/Los_Angeles';
      expect(createCaoJeugdzorgPolicy().holidaysIn(2025)).toEqual(caoJeugdzorg.holidaysIn(2025));
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('calendar policy registry', () => {
  it('defaults to cao-jeugdzorg', () => {
    expect(DEFAULT_CALENDAR_POLICY_ID).toBe('cao-jeugdzorg');
    expect(calendarPolicy()).toBe(caoJeugdzorg);
    expect(Object.keys(CALENDAR_POLICIES)).toEqual(['cao-jeugdzorg']);
  });

  it('refuses an unknown id, including inherited property names', () => {
    expect(() => calendarPolicy('rijksoverheid')).toThrow(RangeError);
    expect(findCalendarPolicy('constructor')).toBeUndefined();
  });
});

describe('cao-jeugdzorg before King\'s Day existed', () => {
  it('takes Queen\'s Day (30 April, or 29 April when the 30th is a Sunday) in 1980-2013', () => {
    expect(caoJeugdzorg.isWorkingDay('2012-04-30')).toBe(false);
    expect(caoJeugdzorg.isWorkingDay('2012-04-27')).toBe(true);
    // 30 April 2006 was a Sunday: Queen's Day moved to Saturday 29 April, so Monday 1 May is a working day.
    expect(caoJeugdzorg.holidaysIn(2006).map((h) => h.date)).toContain('2006-04-29');
    expect(caoJeugdzorg.isWorkingDay('2006-05-01')).toBe(true);
    // Notified Wed 2012-04-25: Thu 26, Fri 27, (Mon 30 Queen's Day), Tue 1 May, Wed 2 May, Thu 3 May.
    expect(addWorkingDays(caoJeugdzorg, '2012-04-25', 5)).toBe('2012-05-03');
  });
});
