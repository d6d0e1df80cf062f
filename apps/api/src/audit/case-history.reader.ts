import {
  type BusinessDate,
  type CaseState,
  type Institution,
  foldCase,
  isCaseEventType,
} from '@app/domain';
import {
  affectsOf,
  asCaseEvent,
  selectBitemporal,
  type BitemporalSelection,
  type HistoryEvent,
} from '@app/domain/history/bitemporal-history';
import { type EventStore, type StoredEvent, caseStreamId } from '@app/event-store';

/** A stored event with what the bitemporal selection needs lifted out of its metadata. */
export interface HistoryStoredEvent extends HistoryEvent {
  stored: StoredEvent;
}

/** What the history endpoint and the replay CLI both work from: one case stream, read from the event store. */
export interface CaseHistory {
  caseId: string;
  /**
   * The case's institution as recorded now (all corrections applied, whatever asOf and knownAt say): access is
   * a question of today's responsibility for the case, not of who held it on the date looked at.
   */
  institution: Institution | undefined;
  selection: BitemporalSelection<HistoryStoredEvent>;
  /** For each correction or retraction (by eventId): the event it affects, looked up in the whole stream. */
  affects: Map<string, { eventId: string; type: string }>;
}

export interface HistoryWindow {
  asOf: BusinessDate;
  /** ISO instant; null: everything recorded so far. */
  knownAt: string | null;
}

const toHistoryEvent = (stored: StoredEvent): HistoryStoredEvent => ({
  eventId: stored.eventId,
  type: stored.type,
  data: stored.data,
  recordedAt: stored.metadata.recordedAt,
  stored,
});

/** A case stream as read, with what access is decided on; its bitemporal selection is made afterwards. */
export interface LoadedCaseHistory {
  caseId: string;
  /** As in CaseHistory. */
  institution: Institution | undefined;
  stream: HistoryStoredEvent[];
}

/**
 * Reads the case stream straight from the event store - never from the read models, which may lag and which
 * an auditor checks against rather than trusts. Undefined when no measure was ever imposed under this case id
 * (the case does not exist).
 */
export async function loadCaseHistory(store: EventStore, caseId: string): Promise<LoadedCaseHistory | undefined> {
  const stream = (await store.readStream(caseStreamId(caseId))).map(toHistoryEvent);
  const now: CaseState = foldCase(stream.filter((event) => isCaseEventType(event.type)).map(asCaseEvent));
  if (!now.exists) return undefined;
  return { caseId, institution: now.institution, stream };
}

/** The bitemporal window of a loaded stream, and what each correction in it affects. */
export const selectCaseHistory = ({ caseId, institution, stream }: LoadedCaseHistory, window: HistoryWindow): CaseHistory => ({
  caseId,
  institution,
  selection: selectBitemporal(stream, window),
  affects: affectsOf(stream),
});

export async function readCaseHistory(store: EventStore, caseId: string, window: HistoryWindow): Promise<CaseHistory | undefined> {
  const loaded = await loadCaseHistory(store, caseId);
  return loaded && selectCaseHistory(loaded, window);
}

/** One event as the history shows it: where it sits in the log, what it says, and all of its metadata. */
export interface HistoryEventRecord {
  position: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string | null;
  affects: { eventId: string; type: string } | null;
}

export function historyEventRecord(event: HistoryStoredEvent, affects: CaseHistory['affects']): HistoryEventRecord {
  const { stored } = event;
  return {
    // A bigint does not survive JSON; positions are opaque and only ordered, so a string loses nothing.
    position: String(stored.position),
    revision: stored.revision,
    eventId: stored.eventId,
    type: stored.type,
    data: stored.data,
    metadata: stored.metadata,
    recordedAt: typeof stored.metadata.recordedAt === 'string' ? stored.metadata.recordedAt : null,
    affects: affects.get(stored.eventId) ?? null,
  };
}
