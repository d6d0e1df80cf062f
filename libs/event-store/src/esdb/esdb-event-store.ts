import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  jsonEvent,
  START,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AppendResult as EsdbAppendResult,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { assertAppendable, assertMaxCount, fromRevisionOf } from '../append-guard';
import {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  WrongExpectedRevisionError,
} from '../event-store.port';
import {
  fromEsdbCurrent,
  isSystemStream,
  toEsdbExpected,
  toEsdbPosition,
  toReadPosition,
  toStoredEvent,
} from './esdb-mapping';
import { EsdbSubscription } from './esdb-subscription';

const PING_TIMEOUT_MS = 5000;
const utf8 = new TextEncoder();
/** A user stream nobody writes: reading it needs no $all permission and answers "not found" cheaply. */
const PING_STREAM = 'event-store-ping';

/**
 * The EventStoreDB adapter over @eventstore/db-client (pinned: see test/esdb-double/README.md).
 * Positions are commit positions; see esdb-mapping.ts. System streams ($...) are left out of readAll and
 * subscribeToAll, which only ever show the service's own events.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly appending = new Set<Promise<unknown>>();

  /** @param connectionString e.g. esdb://127.0.0.1:2113?tls=false */
  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async appendToStream(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(events, expected);
    const proposed = events.map((event) =>
      jsonEvent({
        id: event.eventId,
        type: event.type,
        data: (event.data ?? null) as JSONType,
        // The same bytes as the client's own JSON.stringify, handed over as bytes: given an object, the client
        // base64-encodes the JSON and google-protobuf decodes it again on every serialisation (twice per event).
        metadata: utf8.encode(JSON.stringify(event.metadata ?? {})),
      }),
    );
    let result: EsdbAppendResult;
    const appending = this.client.appendToStream(streamId, proposed, { expectedRevision: toEsdbExpected(expected) });
    this.appending.add(appending);
    try {
      result = await appending;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(streamId, expected, fromEsdbCurrent(error.actualVersion));
      }
      throw error;
    } finally {
      this.appending.delete(appending);
    }
    if (!result.success) {
      // Only with throwOnAppendFailure=false in the connection string. The revision the client reports is wrong
      // in BatchAppend mode (it converts a boolean), so ask the stream itself.
      throw new WrongExpectedRevisionError(streamId, expected, await this.currentRevision(streamId));
    }
    if (result.position === undefined) {
      throw new Error(`EventStoreDB returned no position for the append to ${streamId}`);
    }
    return { nextExpectedRevision: Number(result.nextExpectedRevision), position: result.position.commit };
  }

  /** Collects the read through 'data' events: an async iterator over the stream costs a promise per event. */
  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return new Promise<StoredEvent[]>((resolve, reject) => {
      const from = fromRevisionOf(options);
      const events: StoredEvent[] = [];
      this.client
        .readStream(streamId, { fromRevision: from === 0 ? START : BigInt(from) })
        .on('data', (resolved: ResolvedEvent) => {
          const event = toStoredEvent(resolved);
          if (event) events.push(event);
        })
        .once('end', () => resolve(events))
        .on('error', (error: unknown) => (error instanceof StreamNotFoundError ? resolve([]) : reject(error)))
        // After 'end' or 'error' this changes nothing; without either, the read was cut short.
        .once('close', () => reject(new Error(`the read of ${streamId} closed before it ended`)));
    });
  }

  /**
   * The client's readAll (6.2.1) has no server-side filter, so the stream prefix is applied here while
   * streaming; maxCount counts the events that pass it. The read is cancelled when the caller stops early.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent, void, undefined> {
    assertMaxCount(options.maxCount);
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount === 0) return;
    const read = this.client.readAll({ fromPosition: toReadPosition(options.from) });
    let count = 0;
    try {
      for await (const resolved of read) {
        const event = toStoredEvent(resolved);
        if (!event || !inScope(event.streamId, options.streamPrefix)) continue;
        yield event;
        count += 1;
        if (count >= maxCount) return;
      }
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  /** Filtered on the server: the stream-name prefix, or "no system streams" when no prefix is given. */
  subscribeToAll(options: SubscribeOptions): EventSubscription {
    const filter = options.streamPrefix
      ? streamNameFilter({ prefixes: [options.streamPrefix] })
      : streamNameFilter({ regex: '^[^$]' });
    const source = this.client.subscribeToAll({
      fromPosition: options.from === 'start' ? START : toEsdbPosition(options.from),
      filter,
    });
    const subscription: EsdbSubscription = new EsdbSubscription(source, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    const read = this.client.readStream(PING_STREAM, { maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`EventStoreDB did not answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([drain(read), timeout]);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    } finally {
      clearTimeout(timer);
      await read.cancel().catch(() => undefined);
    }
  }

  /**
   * Lets appends in flight finish first: dispose() cancels the BatchAppend call, and the client then rejects every
   * pending batch append in the process (its table of pending appends is module-wide, not per client).
   */
  async close(): Promise<void> {
    await Promise.allSettled([...this.appending]);
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** One event read backwards from the stream's end; the read runs to its end, so the call closes by itself. */
  readLastEvent(streamId: string): Promise<StoredEvent | undefined> {
    return new Promise<StoredEvent | undefined>((resolve, reject) => {
      let last: StoredEvent | undefined;
      this.client
        .readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })
        .on('data', (resolved: ResolvedEvent) => (last ??= toStoredEvent(resolved)))
        .once('end', () => resolve(last))
        .on('error', (error: unknown) => (error instanceof StreamNotFoundError ? resolve(undefined) : reject(error)))
        .once('close', () => reject(new Error(`the read of ${streamId} closed before it ended`)));
    });
  }

  private async currentRevision(streamId: string): Promise<number | 'no_stream'> {
    const last = await this.readLastEvent(streamId);
    return last ? last.revision : 'no_stream';
  }
}

const inScope = (streamId: string, prefix: string | undefined): boolean =>
  prefix ? streamId.startsWith(prefix) : !isSystemStream(streamId);

async function drain(read: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of read) {
    // the first answer is enough: the server is there
  }
}
