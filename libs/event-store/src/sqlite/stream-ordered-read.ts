import Database from 'better-sqlite3';
import type { EventStore, StoredEvent } from '../event-store.port';
import { prefixGlob, prefixUpperBound } from './sqlite-schema';

/**
 * An optional capability of an event store: the log as it stands now, stream after stream instead of in
 * position order. A read model whose rows depend only on each stream's own events (the case read models) can
 * then be rebuilt by folding each stream once, where the global order interleaves thousands of streams and
 * makes every event a read and a write of its stream's state. Stores that cannot do it cheaply (EventStoreDB
 * keeps no such index) simply lack it; use `readsByStream` to ask.
 */
export interface ReadByStreamOptions {
  /** Only streams whose name begins with this prefix (e.g. 'case-'). */
  streamPrefix?: string;
  /** Events per query. Default 5,000. */
  pageSize?: number;
  /**
   * Only these keys of each event's metadata (missing or null ones left out); default: all of it. The metadata
   * is the larger half of an event, and a reader that wants one key of it need not parse the rest.
   */
  metadataKeys?: readonly string[];
}

export interface StreamOrderedLog {
  /**
   * The position of the last matching event when the read began (null: none). The read returns exactly the
   * matching events up to it - appends during the read are left out - so a catch-up subscription from here
   * continues where the read ends, with nothing missed and nothing twice.
   */
  readonly upTo: bigint | null;
  /** How many they are (for progress reports). */
  count(): Promise<number>;
  /** Those events, ordered by stream id, each stream in revision order, read a page at a time. */
  pages(): AsyncIterable<StoredEvent[]>;
  /**
   * The same events for readers on other threads (worker_threads), or undefined where another thread cannot
   * open the log (an in-memory database).
   */
  readonly shared: SharedStreamOrderedLog | undefined;
}

/** Whole streams: those named from `from` (included) up to `before` (excluded; undefined: to the end). */
export interface StreamRange {
  from: string;
  before: string | undefined;
}

export interface SharedStreamOrderedLog {
  /**
   * Consecutive ranges of whole streams, of about `events` events each (more where one stream alone is
   * longer), that together hold exactly the log's events; worked out one at a time, as they are asked for.
   */
  ranges(events: number): Iterable<StreamRange>;
  /** Plain data, to send to another thread, which reads ranges of the same log with openStreamRangeReader. */
  readonly source: StreamRangeSource;
}

export interface StreamRangeSource {
  filename: string;
  streamPrefix: string;
  metadataKeys: readonly string[] | undefined;
  upTo: bigint;
}

export interface StreamRangeReader {
  /** The range's events up to the log's `upTo`, ordered as `pages()` orders them. */
  read(range: StreamRange): StoredEvent[];
  close(): void;
}

export interface ReadsByStream {
  readAllByStream(options?: ReadByStreamOptions): StreamOrderedLog;
}

export const readsByStream = (store: EventStore): store is EventStore & ReadsByStream =>
  typeof (store as Partial<ReadsByStream>).readAllByStream === 'function';

/**
 * The SQLite store's implementation, on its UNIQUE(stream_id, revision) index. No read transaction is held
 * across pages (the store's own connection keeps appending meanwhile): positions are handed out in commit
 * order by the single writer, so "position <= upTo" is the same set of events as a snapshot taken at the start.
 * Keyset paging on (stream_id, revision) keeps each page one index range scan, however far into the log.
 */
export function readSqliteLogByStream(db: Database.Database, options: ReadByStreamOptions = {}): StreamOrderedLog {
  const pageSize = options.pageSize ?? 5000;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  const prefix = options.streamPrefix ?? '';
  const glob = prefixGlob(prefix);
  // Walks the position key backwards to the newest matching event: usually the very last row.
  const last = db
    .prepare<[string], { position: number | bigint }>(
      'SELECT position FROM events WHERE +stream_id GLOB ? ORDER BY position DESC LIMIT 1',
    )
    .safeIntegers(true)
    .get(glob);
  const upTo = last === undefined ? null : BigInt(last.position);
  // The row value seeks the index to where the previous page ended; the range on stream_id ends the scan at
  // the prefix's end (the GLOB, applied to the rows in that range, only guards). Raw rows: a third cheaper.
  const upper = prefixUpperBound(prefix);
  const { columns, toEvent } = rowShape(options.metadataKeys);
  const range = upper === undefined ? '' : 'AND stream_id < ?';
  const page = db
    .prepare<[string, number, ...unknown[]], RawRow>(
      `SELECT ${columns} FROM events
       WHERE (stream_id, revision) > (?, ?) ${range}
         AND +stream_id GLOB ? AND position <= ?
       ORDER BY stream_id, revision LIMIT ?`,
    )
    .raw(true);
  const count = db.prepare<unknown[], { n: number }>(
    `SELECT COUNT(*) AS n FROM events WHERE stream_id >= ? ${range} AND +stream_id GLOB ? AND position <= ?`,
  );
  return {
    upTo,
    async count() {
      if (upTo === null) return 0;
      return (upper === undefined ? count.get(prefix, glob, upTo) : count.get(prefix, upper, glob, upTo))?.n ?? 0;
    },
    async *pages() {
      if (upTo === null) return;
      let after: [string, number] = [prefix, -1];
      for (;;) {
        const bounds = upper === undefined ? [glob, upTo, pageSize] : [upper, glob, upTo, pageSize];
        const rows = page.all(after[0], after[1], ...bounds);
        if (rows.length === 0) return;
        const lastRow = rows[rows.length - 1];
        after = [lastRow[1], lastRow[2]];
        yield rows.map(toEvent);
        if (rows.length < pageSize) return;
      }
    },
    shared:
      db.memory || upTo === null
        ? undefined
        : {
            source: { filename: db.name, streamPrefix: prefix, metadataKeys: options.metadataKeys, upTo },
            ranges: (events) => rangesOf(db, prefix, upTo, events),
          },
  };
}

/**
 * Each range begins at a stream and ends where the stream holding its (events + 1)-th event begins, or, where
 * that is the range's first stream, where the next stream begins; so no range is empty. Finding the end is one
 * step along the (stream_id, revision) index per event skipped, the position read from the same index entry, so
 * no row is visited.
 */
function* rangesOf(db: Database.Database, prefix: string, upTo: bigint, events: number): Generator<StreamRange> {
  if (!Number.isSafeInteger(events) || events < 1) throw new RangeError(`events must be a positive integer, got ${events}`);
  const upper = prefixUpperBound(prefix);
  const range = upper === undefined ? '' : 'AND stream_id < ?';
  const glob = prefixGlob(prefix);
  const bounds = (from: string): unknown[] => (upper === undefined ? [from] : [from, upper]);
  const nth = db.prepare<unknown[], { stream_id: string }>(
    `SELECT stream_id FROM events WHERE stream_id >= ? ${range} AND +stream_id GLOB ? AND position <= ?
     ORDER BY stream_id, revision LIMIT 1 OFFSET ?`,
  );
  const nextStream = db.prepare<unknown[], { stream_id: string }>(
    `SELECT stream_id FROM events WHERE stream_id > ? ${range} AND +stream_id GLOB ? AND position <= ?
     ORDER BY stream_id, revision LIMIT 1`,
  );
  let from = nth.get(...bounds(prefix), glob, upTo, 0)?.stream_id;
  while (from !== undefined) {
    let before = nth.get(...bounds(from), glob, upTo, events)?.stream_id;
    if (before === from) before = nextStream.get(...bounds(from), glob, upTo)?.stream_id;
    yield { from, before };
    from = before;
  }
}

/** Opens the log a SharedStreamOrderedLog describes, read-only, on a connection of this thread's own. */
export function openStreamRangeReader(source: StreamRangeSource): StreamRangeReader {
  const db = new Database(source.filename, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const glob = prefixGlob(source.streamPrefix);
  const { columns, toEvent } = rowShape(source.metadataKeys);
  // By how many upper bounds apply (the range's end, the prefix's end): each a plain range on the index.
  const byBounds = [0, 1, 2].map((n) =>
    db
      .prepare<unknown[], RawRow>(
        `SELECT ${columns} FROM events WHERE stream_id >= ? ${'AND stream_id < ? '.repeat(n)}
           AND +stream_id GLOB ? AND position <= ?
         ORDER BY stream_id, revision`,
      )
      .raw(true),
  );
  const prefixEnd = prefixUpperBound(source.streamPrefix);
  return {
    read({ from, before }) {
      const bounds = [before, prefixEnd].filter((bound) => bound !== undefined);
      return byBounds[bounds.length].all(from, ...bounds, glob, source.upTo).map(toEvent);
    },
    close: () => db.close(),
  };
}

/** The columns to select, and the event of each raw row: with the whole metadata, or only some keys of it. */
function rowShape(keys: readonly string[] | undefined): { columns: string; toEvent: (row: RawRow) => StoredEvent } {
  if (keys === undefined) {
    return { columns: [...COLUMNS, 'metadata'].join(', '), toEvent: (row) => eventOf(row, JSON.parse(row[7] as string)) };
  }
  for (const key of keys) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new RangeError(`metadataKeys: not a plain key: ${key}`);
  // Each key's value as a column of its own, as JSON text (SQLite's JSON functions, in C, pick them): a short
  // text to parse per key instead of the whole metadata, and an object of only the keys present.
  const columns = [...COLUMNS, ...keys.map((key) => `json_quote(json_extract(metadata, '$.${key}'))`)].join(', ');
  return {
    columns,
    toEvent: (row) => {
      const metadata: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i += 1) {
        const value = JSON.parse(row[7 + i] as string) as unknown;
        if (value !== null) metadata[keys[i]] = value;
      }
      return eventOf(row, metadata);
    },
  };
}

const COLUMNS = ['position', 'stream_id', 'revision', 'event_id', 'type', 'data', 'stored_at'] as const;
/** COLUMNS' values, then the metadata (its text, or the value of each key asked for). */
type RawRow = [number | bigint, string, number, string, string, string, string, ...unknown[]];

const eventOf = (row: RawRow, metadata: Record<string, unknown>): StoredEvent => ({
  streamId: row[1],
  revision: row[2],
  position: BigInt(row[0]),
  eventId: row[3],
  type: row[4],
  data: JSON.parse(row[5]) as unknown,
  metadata,
  storedAt: new Date(row[6]),
});
