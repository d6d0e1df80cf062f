import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertAppendable, assertMaxCount, fromRevisionOf } from '../append-guard';
import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  isSerializedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  SerializedEventToAppend,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { GroupCommitWriter, type WriterOutcome } from './group-commit-writer';
import { StreamReaderPool } from './stream-reader-pool';
import { AppendSignal, PollingSubscription } from './polling-subscription';
import { type PrefixPage, prefixPages } from './prefix-page';
import { brokenUniqueConstraint, EventRow, SCHEMA, toStoredEvent } from './sqlite-schema';
import { type ReadByStreamOptions, readSqliteLogByStream, type ReadsByStream, type StreamOrderedLog } from './stream-ordered-read';

export interface SqliteEventStoreOptions {
  /** How often a waiting subscription looks for events another process wrote to the same file. Default 200 ms. */
  pollIntervalMs?: number;
  /** Rows per query for readAll and subscriptions. Default 500. */
  pageSize?: number;
  /** FULL (default) syncs the WAL on every commit; NORMAL may lose the last commits on power loss, never corrupts. */
  synchronous?: 'FULL' | 'NORMAL';
  /** The store clock for storedAt. */
  now?: () => Date;
  /**
   * 'thread' (default for a file): appendToStream commits on a writer thread, concurrent appends sharing one
   * commit (group-commit-writer.ts), so the event loop never waits for an fsync. 'inline': on the caller's
   * thread, one transaction per append (always so for ':memory:', which another connection cannot open).
   */
  appendOn?: 'thread' | 'inline';
  /**
   * 'thread' (default for a file): readStream of a whole stream reads on reader threads with their own
   * connections (stream-reader-pool.ts), so a read that waits on the disk does not hold the event loop. 'inline':
   * on the caller's thread (always so for ':memory:').
   */
  readStreamsOn?: 'thread' | 'inline';
}

interface SerializedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

/** Page cache for bulk appends, in KiB (see raiseCacheForBulk). */
const BULK_CACHE_KIB = 96 * 1024;

interface SerializedAppend {
  streamId: string;
  events: SerializedEvent[];
  expected: ExpectedRevision;
}

const serialize = (event: EventToAppend | SerializedEventToAppend): SerializedEvent =>
  isSerializedEvent(event)
    ? { eventId: event.eventId, type: event.type, data: event.dataJson, metadata: event.metadataJson }
    : {
        eventId: event.eventId,
        type: event.type,
        data: JSON.stringify(event.data ?? null),
        metadata: JSON.stringify(event.metadata ?? {}),
      };

/** The embedded adapter: the whole log in one SQLite file (or ':memory:'), written through better-sqlite3. */
export class SqliteEventStore implements EventStore, ReadsByStream {
  private readonly db: Database.Database;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly now: () => Date;
  private readonly statements;
  private readonly appendTransaction;
  private readonly bulkAppendTransaction;
  private bulkCacheRaised = false;
  private readonly writer: GroupCommitWriter | undefined;
  private readonly readers: StreamReaderPool | undefined;
  private readonly prefixPage: PrefixPage;

  constructor(filename: string, options: SqliteEventStoreOptions = {}) {
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.pageSize = options.pageSize ?? 500;
    this.now = options.now ?? ((): Date => new Date());
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000'); // another process may hold the write lock for a moment
    this.db.exec(SCHEMA);
    if (filename !== ':memory:' && options.appendOn !== 'inline') {
      this.writer = new GroupCommitWriter(filename, options.synchronous ?? 'FULL');
    }
    if (filename !== ':memory:' && options.readStreamsOn !== 'inline') this.readers = new StreamReaderPool(filename);
    this.prefixPage = prefixPages(this.db);
    this.statements = {
      currentRevision: this.db.prepare<[string], { revision: number | null }>(
        'SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?',
      ),
      insert: this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, stored_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      readStream: this.db.prepare<[string, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision',
      ),
      lastOfStream: this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      pageFrom: this.db.prepare<[bigint, number], EventRow>(
        'SELECT * FROM events WHERE position >= ? ORDER BY position LIMIT ?',
      ),
      existingIds: this.db.prepare<[string], { event_id: string }>(
        'SELECT event_id FROM events WHERE event_id IN (SELECT value FROM json_each(?))',
      ),
      ping: this.db.prepare('SELECT 1'),
      head: this.db.prepare<[], { position: number | bigint | null }>('SELECT MAX(position) AS position FROM events'),
    };
    this.appendTransaction = this.db.transaction(
      (streamId: string, events: SerializedEvent[], expected: ExpectedRevision, storedAt: string): AppendResult => {
        const current = this.currentRevision(streamId);
        if (!matchesExpected(current, expected)) {
          throw new WrongExpectedRevisionError(streamId, expected, current);
        }
        let revision = current === 'no_stream' ? -1 : current;
        let position = 0n;
        for (const event of events) {
          revision += 1;
          const info = this.statements.insert.run(
            streamId, revision, event.eventId, event.type, event.data, event.metadata, storedAt,
          );
          position = BigInt(info.lastInsertRowid);
        }
        return { nextExpectedRevision: revision, position };
      },
    );
    this.bulkAppendTransaction = this.db.transaction(
      (appends: SerializedAppend[], storedAt: string, failed: { index: number }): AppendResult[] => {
        // The revision each stream reached earlier in this batch: one index lookup per stream, not per append.
        const reached = new Map<string, number | 'no_stream'>();
        const results: AppendResult[] = [];
        for (let index = 0; index < appends.length; index += 1) {
          failed.index = index;
          const { streamId, events, expected } = appends[index];
          const current = reached.get(streamId) ?? this.currentRevision(streamId);
          if (!matchesExpected(current, expected)) throw new WrongExpectedRevisionError(streamId, expected, current);
          let revision = current === 'no_stream' ? -1 : current;
          let position = 0n;
          for (const event of events) {
            revision += 1;
            const info = this.statements.insert.run(
              streamId, revision, event.eventId, event.type, event.data, event.metadata, storedAt,
            );
            position = BigInt(info.lastInsertRowid);
          }
          reached.set(streamId, revision);
          results.push({ nextExpectedRevision: revision, position });
        }
        return results;
      },
    );
  }

  async appendToStream(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(events, expected);
    const serialized = events.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      data: JSON.stringify(event.data ?? null),
      metadata: JSON.stringify(event.metadata ?? {}),
    }));
    const storedAt = this.now().toISOString();
    const result = this.writer
      ? this.resultOf(streamId, expected, serialized, await this.writer.append({ streamId, events: serialized, expected, storedAt }))
      : this.appendInline(streamId, serialized, expected, storedAt);
    this.signal.notify();
    return result;
  }

  private appendInline(streamId: string, serialized: SerializedEvent[], expected: ExpectedRevision, storedAt: string): AppendResult {
    try {
      // IMMEDIATE takes the write lock before reading the current revision, so the check and the insert are
      // atomic across processes too; the constraint mapping below is the safety net.
      return this.appendTransaction.immediate(streamId, serialized, expected, storedAt);
    } catch (error) {
      const broken = brokenUniqueConstraint(error);
      if (broken === 'revision') {
        throw new WrongExpectedRevisionError(streamId, expected, this.currentRevision(streamId));
      }
      if (broken === 'event_id') {
        throw new DuplicateEventIdError(streamId, this.duplicateIds(serialized.map((e) => e.eventId)));
      }
      throw error;
    }
  }

  /** The writer thread's outcome as appendInline would have returned or thrown it. */
  private resultOf(streamId: string, expected: ExpectedRevision, serialized: SerializedEvent[], outcome: WriterOutcome): AppendResult {
    if (outcome.ok) return { nextExpectedRevision: outcome.revision, position: BigInt(outcome.position) };
    if (outcome.kind === 'revision') throw new WrongExpectedRevisionError(streamId, expected, outcome.actual);
    throw new DuplicateEventIdError(streamId, this.duplicateIds(serialized.map((e) => e.eventId)));
  }

  /**
   * Many appends in one IMMEDIATE transaction (the bulk path of a data load): the same checks as appendToStream
   * for each append, in order, and a refusal rolls back the whole batch. One commit for thousands of events is
   * what makes a bulk load fast; the unique constraints stay the safety net, as for single appends.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    // The guard looks at the number of events and the revision only, so serialized events pass it as they are.
    for (const { events, expected } of appends) assertAppendable(events as readonly EventToAppend[], expected);
    if (appends.length === 0) return [];
    const serialized = appends.map(({ streamId, events, expected }) => ({ streamId, expected, events: events.map(serialize) }));
    this.raiseCacheForBulk();
    const failed = { index: 0 };
    let results: AppendResult[];
    try {
      results = this.bulkAppendTransaction.immediate(serialized, this.now().toISOString(), failed);
    } catch (error) {
      const { streamId, expected } = serialized[failed.index];
      const broken = brokenUniqueConstraint(error);
      if (broken === 'revision') {
        throw new WrongExpectedRevisionError(streamId, expected, this.currentRevision(streamId));
      }
      if (broken === 'event_id') throw new DuplicateEventIdError(streamId, this.duplicatesInBatch(serialized, failed.index));
      throw error;
    }
    this.signal.notify();
    return results;
  }

  /** How many commits the writer thread made for how many appends (undefined: appends are inline). */
  get groupCommits(): number | undefined {
    return this.writer?.commits;
  }

  async readLastEvent(streamId: string): Promise<StoredEvent | undefined> {
    const row = this.statements.lastOfStream.get(streamId);
    return row && toStoredEvent(row);
  }

  /** The log stream by stream, for rebuilds (the ReadsByStream capability, see stream-ordered-read.ts). */
  readAllByStream(options?: ReadByStreamOptions): StreamOrderedLog {
    return readSqliteLogByStream(this.db, options);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const fromRevision = fromRevisionOf(options);
    // A whole stream is what waits on the disk: pages nobody read lately, one per event. The tail after a known
    // revision (a cached case catching up) is a row or two on pages just read, cheaper here than a thread hop.
    const rows = this.readers && fromRevision === 0 ? await this.readers.read(streamId, 0) : this.statements.readStream.all(streamId, fromRevision);
    return rows.map(toStoredEvent);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent, void, undefined> {
    assertMaxCount(options.maxCount);
    let from = options.from === undefined || options.from === 'start' ? 0n : options.from;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const page = this.page(from, options.streamPrefix, limit);
      for (const event of page) {
        remaining -= 1;
        yield event;
      }
      if (page.length < limit) return;
      from = page[page.length - 1].position + 1n;
    }
  }

  subscribeToAll(options: SubscribeOptions): EventSubscription {
    const after = options.from === 'start' ? 0n : options.from;
    const subscription: PollingSubscription = new PollingSubscription(
      (position, limit) => this.page(position + 1n, options.streamPrefix, limit),
      after,
      this.signal,
      {
        pollIntervalMs: this.pollIntervalMs,
        pageSize: this.pageSize,
        onClose: () => this.subscriptions.delete(subscription),
        head: options.streamPrefix ? () => BigInt(this.statements.head.get()?.position ?? 0) : undefined,
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await Promise.all([this.writer?.close(), this.readers?.close()]);
    if (this.db.open) this.db.close();
  }

  private page(from: bigint, streamPrefix: string | undefined, limit: number): StoredEvent[] {
    const rows = streamPrefix
      ? this.prefixPage(from, streamPrefix, limit)
      : this.statements.pageFrom.all(from, limit);
    return rows.map(toStoredEvent);
  }

  private currentRevision(streamId: string): number | 'no_stream' {
    return this.statements.currentRevision.get(streamId)?.revision ?? 'no_stream';
  }

  /**
   * A bulk append dirties an index page for nearly every stream it touches (the stream index is ordered by
   * stream, not by time). SQLite's default page cache (2 MB) cannot hold them for the length of the transaction
   * and spills them to the WAL over and over; a cache that holds them writes each page once per batch. Raised on
   * the first bulk append: a connection that bulk-loads is a loader.
   */
  private raiseCacheForBulk(): void {
    if (this.bulkCacheRaised) return;
    this.db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    this.bulkCacheRaised = true;
  }

  /** The failing append's ids that the store holds or that an append up to it in the batch repeats. */
  private duplicatesInBatch(appends: readonly SerializedAppend[], failedIndex: number): string[] {
    const own = appends[failedIndex].events.map((event) => event.eventId);
    const stored = new Set(this.statements.existingIds.all(JSON.stringify(own)).map((row) => row.event_id));
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const append of appends.slice(0, failedIndex + 1)) {
      for (const { eventId } of append.events) {
        if (seen.has(eventId)) repeated.add(eventId);
        seen.add(eventId);
      }
    }
    return own.filter((id, index) => (stored.has(id) || repeated.has(id)) && own.indexOf(id) === index);
  }

  private duplicateIds(eventIds: string[]): string[] {
    const stored = this.statements.existingIds.all(JSON.stringify(eventIds)).map((row) => row.event_id);
    const repeated = eventIds.filter((id, index) => eventIds.indexOf(id) !== index);
    return [...new Set([...stored, ...repeated])];
  }
}

function matchesExpected(current: number | 'no_stream', expected: ExpectedRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 'no_stream';
  return current === expected;
}
