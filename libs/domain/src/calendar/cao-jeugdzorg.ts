import Holidays from 'date-holidays';
import type { BusinessDate } from '../case/case-events';
import { defineCalendarPolicy, type CalendarPolicy, type PolicyHoliday } from './calendar-policy';

/**
 * `cao-jeugdzorg`: working days under the collective labour agreement of youth care staff (BRIEF "Dates and
 * calendars"): Monday to Friday except New Year's Day, Easter Monday, King's Day, Liberation Day (every year),
 * Ascension Day, Whit Monday, Christmas Day and Boxing Day. Good Friday is a working day.
 *
 * The moving feasts come from date-holidays, but only the days this policy names, by their rule (the stable key
 * of the library's NL data) and only as type `public`: the library also lists observances (Mother's Day,
 * 4 May, 5 December), bank and school days (Good Friday, 31 December), and the BRIEF warns that counting those
 * would move deadlines. Liberation Day is a `school` day in the library, not a public one, so the policy adds it
 * as its own fixed day.
 */
export const CAO_JEUGDZORG_ID = 'cao-jeugdzorg';

/** The library days the policy takes, by date-holidays rule (data/countries/NL.yaml). */
const LIBRARY_DAYS: readonly { rules: readonly string[]; name: string }[] = [
  { rules: ['01-01'], name: "New Year's Day" },
  { rules: ['easter 1'], name: 'Easter Monday' },
  // The national day: King's Day, 27 April or Saturday 26 April when the 27th is a Sunday, from 2014; before
  // that Queen's Day, 30 April or Saturday 29 April (1980-2013). Cases imported from before 2014 (a
  // guardianship pronounced in 2012 still runs) need their deadlines too.
  {
    rules: ['04-27 if sunday then previous saturday since 2014', '04-30 if sunday then previous saturday since 1980 and prior to 2014'],
    name: "King's Day",
  },
  { rules: ['easter 39'], name: 'Ascension Day' },
  { rules: ['easter 50'], name: 'Whit Monday' },
  { rules: ['12-25'], name: 'Christmas Day' },
  { rules: ['12-26'], name: 'Boxing Day' },
];
const LIBRARY_TYPES: readonly string[] = ['public'];

/** Days the policy adds itself (month-day): the CAO gives Liberation Day off every year, not only every 5th. */
const OWN_DAYS: readonly { monthDay: string; name: string }[] = [{ monthDay: '05-05', name: 'Liberation Day' }];

let library: Holidays | undefined;
const netherlands = (): Holidays => (library ??= new Holidays('NL'));

const libraryDays = (year: number): PolicyHoliday[] => {
  const found = netherlands()
    .getHolidays(year)
    .filter((holiday) => LIBRARY_TYPES.includes(holiday.type));
  return LIBRARY_DAYS.map(({ rules, name }) => {
    const matches = found.filter((holiday) => rules.includes(holiday.rule));
    // Fail loudly rather than count a holiday as a working day: a library upgrade that renames a rule, or a
    // year the rules do not cover (the national day before 1980), must not silently change deadlines.
    if (matches.length !== 1) {
      throw new RangeError(`${CAO_JEUGDZORG_ID}: date-holidays gives ${matches.length} dates for ${name} in ${year}`);
    }
    // 'YYYY-MM-DD hh:mm:ss' in the country's own time zone: the calendar date is the first ten characters.
    return { date: matches[0].date.slice(0, 10) as BusinessDate, name };
  });
};

const ownDays = (year: number): PolicyHoliday[] =>
  OWN_DAYS.map(({ monthDay, name }) => ({ date: `${String(year).padStart(4, '0')}-${monthDay}`, name }));

/** A fresh instance (own cache); the registry holds the shared one. */
export const createCaoJeugdzorgPolicy = (): CalendarPolicy =>
  defineCalendarPolicy({
    id: CAO_JEUGDZORG_ID,
    version: '1',
    description:
      "Mon-Fri except New Year's Day, Easter Monday, King's Day, Liberation Day (every year), Ascension Day, " +
      'Whit Monday, Christmas Day and Boxing Day; Good Friday is a working day. Moving feasts from date-holidays ' +
      '(NL, type public).',
    holidays: (year) => [...libraryDays(year), ...ownDays(year)],
  });

export const caoJeugdzorg: CalendarPolicy = createCaoJeugdzorgPolicy();
