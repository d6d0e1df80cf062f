/**
 * The event-store port: the only thing the rest of the service knows about where events live.
 * Two adapters implement it: EventStoreDB (through @eventstore/db-client) and an embedded SQLite store.
 *
 * Revisions are per stream and 0-based (the first event of a stream has revision 0).
 * Positions are global, strictly increasing across the whole log, and opaque apart from their order.
 */

/** An event as the application hands it over for appending. */
export interface EventToAppend {
  eventId: string; // UUID
  type: string;
  data: unknown; // JSON-serialisable
  metadata: Record<string, unknown>; // JSON-serialisable
}

/** An event as it was stored. */
export interface StoredEvent {
  streamId: string;
  revision: number;
  position: bigint;
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** When the store committed the event (store clock). */
  storedAt: Date;
}

/**
 * What the stream must look like for an append to succeed.
 * - 'no_stream': the stream must not exist yet;
 * - 'any': no check (only for streams nobody else decides on, such as an audit log);
 * - a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event appended. */
  nextExpectedRevision: number;
  /** Global position of the last event appended. */
  position: bigint;
}

/** Where a global read or subscription starts. A read starts AT a position; a subscription starts AFTER it. */
export type LogStart = 'start' | bigint;

export interface ReadAllOptions {
  /** Inclusive start position; default 'start'. */
  from?: LogStart;
  /** Only streams whose name begins with this prefix (e.g. 'case-'). */
  streamPrefix?: string;
  /** At most this many events. */
  maxCount?: number;
}

export interface ReadStreamOptions {
  /** Inclusive: the first revision read; default 0. Revisions past the stream's end read nothing. */
  fromRevision?: number;
}

export interface SubscribeOptions {
  /** Exclusive: events after this position are delivered. 'start' delivers the whole history first. */
  from: LogStart;
  streamPrefix?: string;
}

/** A catch-up subscription: history first, then live events, in log order, until closed. */
export interface EventSubscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

/**
 * An event of a bulk append whose data and metadata are JSON text already: exactly JSON.stringify of them, made
 * where the events were produced (a bulk load serializes on worker threads, so the writing thread need not
 * parse and serialize again). Stores that keep JSON text store it as it is; others parse it.
 */
export interface SerializedEventToAppend {
  eventId: string;
  type: string;
  dataJson: string;
  metadataJson: string;
}

export const isSerializedEvent = (event: EventToAppend | SerializedEventToAppend): event is SerializedEventToAppend =>
  typeof (event as SerializedEventToAppend).dataJson === 'string';

/** One stream's part of a bulk append: its events and the revision the stream must be at. */
export interface StreamAppend {
  streamId: string;
  events: (EventToAppend | SerializedEventToAppend)[];
  expected: ExpectedRevision;
}

export interface EventStore {
  appendToStream(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Optional capability: many appends in one all-or-nothing transaction, in the order given (a stream may
   * appear more than once; each append is checked against the stream as the appends before it left it). Every
   * guarantee of appendToStream holds per append, and one refusal (wrong revision, duplicate event id) appends
   * nothing at all. One result per append, in order. Use `appendToStreams` below, which falls back to one
   * appendToStream per append for stores without it.
   */
  appendToStreams?(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /**
   * The events of one stream in revision order, from `fromRevision` on (the whole stream by default); an
   * empty array when the stream does not exist or has no event at or after that revision.
   */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /**
   * Optional capability: the stream's last event (undefined for no stream), without reading the rest (both
   * adapters have it). Use `lastEventOf` below, which reads the whole stream for a store without it.
   */
  readLastEvent?(streamId: string): Promise<StoredEvent | undefined>;
  /** The global log in position order. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  subscribeToAll(options: SubscribeOptions): EventSubscription;
  /** Readiness: resolves when the store answers, rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Injection token for the configured adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** The stream did not have the expected revision: someone else appended first. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * An append carried an event id the store already holds (or the same id twice).
 * The SQLite adapter refuses such appends; EventStoreDB instead treats some of them as idempotent retries.
 */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
  ) {
    super(`Stream ${streamId}: event id(s) already stored: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventIdError';
  }
}

export const caseStreamId = (caseId: string): string => `case-${caseId}`;
export const CASE_STREAM_PREFIX = 'case-';

/**
 * Bulk append through the store's own appendToStreams when it has one; otherwise one appendToStream per
 * append, in order. The fallback keeps every per-append guarantee but not the all-or-nothing of the batch: a
 * refusal stops it, and the appends before it stay.
 */
export async function appendToStreams(store: EventStore, appends: readonly StreamAppend[]): Promise<AppendResult[]> {
  if (store.appendToStreams) return store.appendToStreams(appends);
  const results: AppendResult[] = [];
  for (const { streamId, events, expected } of appends) {
    results.push(await store.appendToStream(streamId, events.map(parsedEvent), expected));
  }
  return results;
}

const parsedEvent = (event: EventToAppend | SerializedEventToAppend): EventToAppend =>
  isSerializedEvent(event)
    ? { eventId: event.eventId, type: event.type, data: JSON.parse(event.dataJson), metadata: JSON.parse(event.metadataJson) }
    : event;

/** The stream's last event, through the store's readLastEvent when it has one. */
export async function lastEventOf(store: EventStore, streamId: string): Promise<StoredEvent | undefined> {
  if (store.readLastEvent) return store.readLastEvent(streamId);
  return (await store.readStream(streamId)).at(-1);
}
