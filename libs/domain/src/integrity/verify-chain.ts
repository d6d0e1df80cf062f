import { type HashableEvent, eventHash, sealOf } from './event-hash';

/** An event of a stream as read back, in revision order, with where it sits in the global log. */
export interface ChainEvent extends HashableEvent {
  /** Global log position, as an opaque string: reported, never sealed (the store assigns it at commit). */
  position: string;
}

/**
 * Why a link is broken:
 * - MISSING_HASH: the event carries no well-formed seal (`integrity` absent, another alg, not a SHA-256 hex);
 * - PREVIOUS_MISMATCH: its seal does not name the hash of the event before it (null for the first): an event
 *   was removed, inserted or reordered before it, or the previous event was altered and re-sealed;
 * - HASH_MISMATCH: what the event says now does not hash to its seal: its data, metadata, type, id, revision
 *   or stream were changed after it was appended.
 */
export type ChainBreakReason = 'HASH_MISMATCH' | 'PREVIOUS_MISMATCH' | 'MISSING_HASH';

export interface BrokenLink {
  eventId: string;
  revision: number;
  position: string;
  reason: ChainBreakReason;
}

export interface ChainVerdict {
  ok: boolean;
  /** How many events the chain has (all of them, also when it breaks early). */
  events: number;
  /** The first event, in stream order, at which the chain does not hold; null when it holds throughout. */
  firstBroken: BrokenLink | null;
  /**
   * The hash the chain ends in when it holds (null for an empty or broken chain). Kept outside the system — in an
   * inspection report, say — it shows later that no event was rewritten or removed since, also at the end, which
   * a chain on its own cannot show: anyone able to write the store can re-seal a truncated or rewritten stream.
   */
  head: string | null;
}

/**
 * Recomputes a stream's chain from its first event: each event must carry a seal, name the hash of the event
 * before it, and hash to what its seal says. Stops at the first broken link: after it, nothing is vouched for.
 * The previous hash an event is checked against is the one the preceding event's seal carries, which that
 * event's own check has just confirmed.
 */
export function verifyChain(events: readonly ChainEvent[]): ChainVerdict {
  let previous: string | null = null;
  for (const event of events) {
    const reason = checkLink(previous, event);
    if (reason) {
      const firstBroken = { eventId: event.eventId, revision: event.revision, position: event.position, reason };
      return { ok: false, events: events.length, firstBroken, head: null };
    }
    previous = sealOf(event.metadata)!.hash;
  }
  return { ok: true, events: events.length, firstBroken: null, head: previous };
}

function checkLink(previous: string | null, event: ChainEvent): ChainBreakReason | undefined {
  const seal = sealOf(event.metadata);
  if (!seal) return 'MISSING_HASH';
  if (seal.previous !== previous) return 'PREVIOUS_MISMATCH';
  if (eventHash(previous, event) !== seal.hash) return 'HASH_MISMATCH';
  return undefined;
}
