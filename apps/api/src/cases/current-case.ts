import { CaseState, initialCaseState } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { foldStoredEvents } from './case-fold';

/** The first event a caller's Idempotency-Key was recorded with, as a replay answers with it. */
export interface IdempotentRequest {
  requestHash: string | undefined;
  eventId: string;
  /** The case version that event brought the case to. */
  version: number;
  position: bigint;
  data: unknown;
}

/**
 * What a command needs of a case, without its events: the folded state, the version (number of events), the
 * last event (the next append is sealed to its hash) and the earlier requests an Idempotency-Key may replay.
 * Immutable: a newer one is made by advancing it over the events after its version.
 */
export interface CurrentCase {
  caseId: string;
  state: CaseState;
  version: number;
  last: StoredEvent | undefined;
  /** By idempotencyLookup(caller, key). */
  idempotent: ReadonlyMap<string, IdempotentRequest>;
}

/** One string per caller and key: a key is visible ASCII (command-context.ts), so it never holds the newline. */
export const idempotencyLookup = (callerSub: string, key: string): string => `${key}\n${callerSub}`;

export const newCase = (caseId: string): CurrentCase => ({
  caseId,
  state: initialCaseState,
  version: 0,
  last: undefined,
  idempotent: new Map(),
});

/** True when `events` are exactly the ones after `current`: revisions version, version + 1, ... */
export const continues = (current: CurrentCase, events: readonly StoredEvent[]): boolean =>
  events.every((event, index) => event.revision === current.version + index);

/** `current` with `events` (the stream's next events, see continues) applied. */
export function advance(current: CurrentCase, events: readonly StoredEvent[], skipped: (event: StoredEvent) => void): CurrentCase {
  if (events.length === 0) return current;
  return {
    caseId: current.caseId,
    state: foldStoredEvents(current.state, events, skipped),
    version: current.version + events.length,
    last: events[events.length - 1],
    idempotent: withIdempotentRequests(current.idempotent, events),
  };
}

/** Only the first event with a caller's key counts: a key is answered as it was first answered. */
function withIdempotentRequests(known: ReadonlyMap<string, IdempotentRequest>, events: readonly StoredEvent[]): ReadonlyMap<string, IdempotentRequest> {
  let added: Map<string, IdempotentRequest> | undefined;
  for (const event of events) {
    const idempotency = event.metadata.idempotency as { key?: string; requestHash?: string } | undefined;
    const sub = (event.metadata.actor as { sub?: string } | undefined)?.sub;
    if (idempotency?.key === undefined || sub === undefined) continue;
    const lookup = idempotencyLookup(sub, idempotency.key);
    if (known.has(lookup) || added?.has(lookup)) continue;
    added ??= new Map(known);
    added.set(lookup, {
      requestHash: idempotency.requestHash,
      eventId: event.eventId,
      version: event.revision + 1,
      position: event.position,
      data: event.data,
    });
  }
  return added ?? known;
}
