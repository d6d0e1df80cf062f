import { type CaseState, initialCaseState } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

/**
 * When the event was recorded: the recordedAt the api writes into the metadata (the command's clock), else
 * the store's commit time. Normalised to ISO-8601 UTC so it sorts as text.
 */
export function recordedAtOf(event: StoredEvent): string {
  const recordedAt = event.metadata.recordedAt;
  if (typeof recordedAt === 'string') {
    const parsed = new Date(recordedAt);
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString();
  }
  return event.storedAt.toISOString();
}

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
 */
export const amsterdamDateOf = (instant: string): string => {
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
  for (const [key, value] of Object.entries(state)) if (!(key in ordered)) ordered[key] = value;
  return JSON.stringify(ordered);
};
export const parseCaseState = (json: string): CaseState => JSON.parse(json) as CaseState;
