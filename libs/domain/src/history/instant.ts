import { isValidBusinessDate } from '../dates/business-date';

/**
 * Knowledge time ("what had been recorded by moment T") is an instant, not a calendar date: event metadata
 * records `recordedAt` as an ISO timestamp in UTC. Auditors type these by hand, so parsing is strict - Date.parse
 * would silently turn 2021-02-30 into 2 March, or accept a bare date that means UTC midnight rather than the
 * Amsterdam day the auditor had in mind.
 */

// Date and time with an explicit zone (Z or ±hh:mm); seconds and fractions optional.
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Milliseconds since the epoch, or undefined when the text is not a real ISO 8601 instant with a zone.
 * Digits below the millisecond are cut off, not rounded: `recordedAt` has millisecond precision, so an event
 * recorded at .123 was known at .1239 and must not be pushed out by rounding up to .124.
 */
export function parseInstant(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [, date, hours, minutes, seconds = '00', fraction = '', zone, zoneHours = '00', zoneMinutes = '00'] = match;
  if (!isValidBusinessDate(date)) return undefined;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  if (Number(zoneHours) > 14 || Number(zoneMinutes) > 59) return undefined;
  const millis = fraction.slice(0, 3).padEnd(3, '0');
  const value = Date.parse(`${date}T${hours}:${minutes}:${seconds}.${millis}${zone}`);
  return Number.isNaN(value) ? undefined : value;
}

export const isValidInstant = (text: unknown): text is string => parseInstant(text) !== undefined;

/** Was something recorded at `recordedAt` already known at `knownAt`? Null knownAt: everything recorded so far. */
export function knownBy(recordedAt: unknown, knownAt: string | null): boolean {
  if (knownAt === null) return true;
  const recorded = parseInstant(recordedAt);
  // An event without a readable recording time cannot be placed in knowledge time; claiming it was known at
  // some moment would be a guess, so only the unfiltered view shows it.
  if (recorded === undefined) return false;
  const known = parseInstant(knownAt);
  if (known === undefined) throw new RangeError(`Not an ISO 8601 instant with a zone: ${knownAt}`);
  return recorded <= known;
}
