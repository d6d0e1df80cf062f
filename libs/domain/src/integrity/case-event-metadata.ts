import type { CaseEvent } from '../case/case-events';
import { EVENT_SCHEMA_VERSIONS } from '../case/case-events';
import { eventHash, type HashableEvent, INTEGRITY_ALG, type IntegritySeal } from './event-hash';

/**
 * The metadata every case event carries and the seal that chains it to the event before it, as one pure
 * function: the api's CaseStream appends through it, and so does the synthetic data generator, so that a
 * generated event is sealed exactly as the api would have sealed it. Business dates stay in the data, so the
 * log is bitemporal.
 */

/** Who recorded a step, from the verified token (the api's Actor has this shape). */
export interface RecordingActor {
  sub: string;
  role: string;
  institution?: string;
}

/** What the shell knows about the request behind the events it appends. */
export interface Recording {
  /** ISO timestamp of the recording (the server clock in the api). */
  recordedAt: string;
  actor: RecordingActor;
  correlationId: string;
  /** The request that caused the events. */
  causationId: string;
  /** Carried by the first event of the append only. */
  idempotency?: { key: string; requestHash: string };
}

export interface CaseEventMetadata {
  eventId: string;
  schemaVersion: number;
  recordedAt: string;
  actor: RecordingActor;
  correlationId: string;
  causationId: string;
  idempotency?: { key: string; requestHash: string };
  /** Tamper evidence: this event's hash, chained to the previous event of the stream. */
  integrity: IntegritySeal;
  [key: string]: unknown;
}

export interface SealedCaseEvent {
  eventId: string;
  type: CaseEvent['type'];
  data: CaseEvent['data'];
  metadata: CaseEventMetadata;
}

/**
 * The events of one append with their metadata, each sealed to the one before it: the first to `previous`
 * (the hash of the stream's last event, null for a new stream), the rest within the batch. `firstRevision` is
 * the stream revision the first event will get; `eventIds` are the events' ids, in order. `hash` must compute
 * exactly eventHash (the default); a bulk writer may pass a faster equivalent that it checks against it.
 */
export function sealCaseEvents(
  streamId: string,
  firstRevision: number,
  previous: string | null,
  events: readonly CaseEvent[],
  eventIds: readonly string[],
  recording: Recording,
  hash: (previous: string | null, event: HashableEvent) => string = eventHash,
): SealedCaseEvent[] {
  let chained = previous;
  return events.map((event, index) => {
    const eventId = eventIds[index];
    const unsealed = {
      eventId,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      recordedAt: recording.recordedAt,
      actor: recording.actor,
      correlationId: recording.correlationId,
      causationId: recording.causationId,
      ...(index === 0 && recording.idempotency ? { idempotency: recording.idempotency } : {}),
    };
    const revision = firstRevision + index;
    const integrity: IntegritySeal = {
      alg: INTEGRITY_ALG,
      previous: chained,
      hash: hash(chained, { streamId, revision, eventId, type: event.type, data: event.data, metadata: unsealed }),
    };
    chained = integrity.hash;
    return { eventId, type: event.type, data: event.data, metadata: { ...unsealed, integrity } };
  });
}
