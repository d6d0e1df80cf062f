import type { Transaction } from 'kysely';
import type { CaseState, RecordedCaseEvent } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { ReadModelSchema, ReadModelTableName } from '../database/read-model-schema';

/** One case event, with the case state before and after it: what every case read model is derived from. */
export interface CaseChange {
  caseId: string;
  event: StoredEvent;
  caseEvent: RecordedCaseEvent;
  before: CaseState;
  after: CaseState;
  /** When the case's first event was recorded. */
  recordedFirstAt: string;
}

/**
 * A table (or set of tables) derived from the case state. Views write through the event's transaction and
 * must be deterministic: the same change always gives the same rows.
 */
export interface CaseView {
  readonly tables: readonly ReadModelTableName[];
  write(trx: Transaction<ReadModelSchema>, change: CaseChange): Promise<void>;
}

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

export const amsterdamDateOf = (instant: string): string => AMSTERDAM_DATE.format(new Date(instant));

// The state is plain data (strings, numbers, booleans, arrays, records), so JSON round-trips it; keys that
// were undefined come back absent, which reads the same.
export const serializeCaseState = (state: CaseState): string => JSON.stringify(state);
export const parseCaseState = (json: string): CaseState => JSON.parse(json) as CaseState;
