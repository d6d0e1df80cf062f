import { type Institution, type RecordedCaseEvent, foldCase, isCaseEventType } from '@app/domain';
import { type ChainEvent, type ChainVerdict, verifyChain } from '@app/domain/integrity';
import { CASE_STREAM_PREFIX, type EventStore, type StoredEvent, caseStreamId } from '@app/event-store';

/** One case stream read from the event store with its chain recomputed: what verify and export both answer from. */
export interface CaseChain {
  caseId: string;
  /**
   * The institution as the stream says now, for access checks only. Read from the (possibly altered) events
   * themselves: there is nothing else to read it from, and an auditor or admin can always verify.
   */
  institution: Institution | undefined;
  events: StoredEvent[];
  verdict: ChainVerdict;
}

/** What the chain rule sees of a stored event; the bigint position becomes a string, as in every answer. */
export const chainEventOf = (stored: StoredEvent): ChainEvent => ({
  streamId: stored.streamId,
  revision: stored.revision,
  eventId: stored.eventId,
  type: stored.type,
  data: stored.data,
  metadata: stored.metadata,
  position: String(stored.position),
});

/**
 * Undefined only when the stream has no events at all. A stream whose events no longer fold into an existing
 * case (say its MeasureImposed was altered) is still a case to verify: answering 404 there would hide exactly
 * the tampering verification is for.
 */
export async function readCaseChain(store: EventStore, caseId: string): Promise<CaseChain | undefined> {
  const events = await store.readStream(caseStreamId(caseId));
  if (events.length === 0) return undefined;
  const caseEvents = events
    .filter((event) => isCaseEventType(event.type))
    .map(({ eventId, type, data }) => ({ eventId, type, data }) as RecordedCaseEvent);
  return {
    caseId,
    institution: foldCase(caseEvents).institution,
    events,
    verdict: verifyChain(events.map(chainEventOf)),
  };
}

/**
 * The ids of every case with a stream, in the order they were opened: a walk over the log that keeps only the
 * stream names, so `verify --all` holds one case in memory at a time, not the whole log.
 */
export async function caseIdsInLog(store: EventStore): Promise<string[]> {
  const seen = new Set<string>();
  for await (const event of store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) {
    seen.add(event.streamId.slice(CASE_STREAM_PREFIX.length));
  }
  return [...seen];
}
