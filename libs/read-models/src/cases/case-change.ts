import { type CaseState, initialCaseState, isValidBusinessDate } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

/**
 * When the event was recorded: the recordedAt the api writes into the metadata (the command's clock), else
 * the store's commit time. Normalised to ISO-8601 UTC so it sorts as text.
 */
export function recordedAtOf(event: StoredEvent): string {
  const recordedAt = event.metadata.recordedAt;
  if (typeof recordedAt === 'string') {
    // The api writes toISOString() already, and parsing and formatting it again costs a microsecond an event.
    if (isCanonicalUtc(recordedAt)) return recordedAt;
    const parsed = new Date(recordedAt);
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString();
  }
  return event.storedAt.toISOString();
}

/**
 * Whether the text is what toISOString() gives for it: YYYY-MM-DDTHH:mm:ss.sssZ naming a real day and time.
 * Date would accept 2021-02-30 or 24:00 too, and move them to another day, so those go the long way.
 */
const isCanonicalUtc = (instant: string): boolean => {
  const match = CANONICAL_UTC.exec(instant);
  return match !== null && isRealDay(match[1]);
};
const CANONICAL_UTC = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** A YYYY-MM-DD that is a real calendar day; remembered, as a rebuild sees the same few thousand days. */
const isRealDay = (day: string): boolean => {
  if (realDays.has(day)) return true;
  if (!isValidBusinessDate(day)) return false;
  if (realDays.size >= 100_000) realDays.clear();
  realDays.add(day);
  return true;
};
const realDays = new Set<string>();

// en-CA formats as YYYY-MM-DD; business dates are Amsterdam dates whatever the server's time zone (BRIEF).
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The Amsterdam date of an instant. Amsterdam's offset from UTC is whole hours and changes on the hour, so the
 * date is the same for every instant of a UTC hour: remembered by hour, as formatting with Intl is slow and a
 * rebuild asks for millions. Instants that are not ISO-8601 UTC (recordedAtOf gives only those) are formatted.
 * Before 22:00 UTC the Amsterdam date is the UTC date (Amsterdam has never been more than two hours ahead of
 * UTC, nor behind it), so for those hours of a real day no lookup is needed at all.
 */
export const amsterdamDateOf = (instant: string): string => {
  const early = BEFORE_22_UTC.exec(instant);
  if (early !== null && isRealDay(early[1])) return early[1];
  const hour = ISO_UTC.test(instant) ? instant.slice(0, 13) : undefined;
  if (hour === undefined) return AMSTERDAM_DATE.format(new Date(instant));
  let date = datesByHour.get(hour);
  if (date === undefined) {
    date = AMSTERDAM_DATE.format(new Date(instant));
    if (datesByHour.size >= 100_000) datesByHour.clear();
    datesByHour.set(hour, date);
  }
  return date;
};
const BEFORE_22_UTC = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[01]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const datesByHour = new Map<string, string>();

// The state is plain data (strings, numbers, booleans, arrays, records), so JSON round-trips it; keys that
// were undefined come back absent, which reads the same. Its own keys are written in one fixed order: a state
// parsed back from JSON lost its undefined keys, and a later evolve appends them at the end, so plain
// JSON.stringify would spell the same state differently depending on how it was folded - one event per
// transaction (parsed back each time) or a whole stream in memory (a rebuild) - and the rows must be the same.
const STATE_KEYS = Object.keys(initialCaseState);

export const serializeCaseState = (state: CaseState): string => {
  const ordered: Record<string, unknown> = {};
  for (const key of STATE_KEYS) ordered[key] = state[key as keyof CaseState];
  for (const key of Object.keys(state)) if (!(key in ordered)) ordered[key] = state[key as keyof CaseState];
  return JSON.stringify(ordered);
};
export const parseCaseState = (json: string): CaseState => JSON.parse(json) as CaseState;
