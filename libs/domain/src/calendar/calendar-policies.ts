import type { CalendarPolicy } from './calendar-policy';
import { CAO_JEUGDZORG_ID, caoJeugdzorg } from './cao-jeugdzorg';

/** The policy a case is evaluated under unless the caller names another (BRIEF "Dates and calendars"). */
export const DEFAULT_CALENDAR_POLICY_ID = CAO_JEUGDZORG_ID;

/**
 * Every calendar policy the service knows, by id. Verdicts carry the id, so a policy is never removed or
 * redefined here: a replay of an old verdict must find the same rules.
 */
export const CALENDAR_POLICIES: Readonly<Record<string, CalendarPolicy>> = Object.freeze({
  [caoJeugdzorg.id]: caoJeugdzorg,
});

/** The policy with this id, or undefined (own properties only, so 'constructor' is no policy). */
export const findCalendarPolicy = (id: string): CalendarPolicy | undefined =>
  Object.prototype.hasOwnProperty.call(CALENDAR_POLICIES, id) ? CALENDAR_POLICIES[id] : undefined;

/** The policy with this id (default `cao-jeugdzorg`); an unknown id is a configuration error and throws. */
export const calendarPolicy = (id: string = DEFAULT_CALENDAR_POLICY_ID): CalendarPolicy => {
  const policy = findCalendarPolicy(id);
  if (!policy) throw new RangeError(`Unknown calendar policy: ${id}`);
  return policy;
};

export const defaultCalendarPolicy = (): CalendarPolicy => calendarPolicy(DEFAULT_CALENDAR_POLICY_ID);
