import type Database from 'better-sqlite3';
import type { EventStore, StoredEvent } from '../event-store.port';
import { prefixGlob, toStoredEvent } from './sqlite-schema';

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
  const metadata = metadataColumn(options.metadataKeys);
  const range = upper === undefined ? '' : 'AND stream_id < ?';
  const page = db
    .prepare<[string, number, ...unknown[]], RawRow>(
      `SELECT ${[...COLUMNS.slice(0, 6), metadata, COLUMNS[7]].join(', ')} FROM events
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
        yield rows.map(options.metadataKeys ? fromRawWithoutNulls : fromRaw);
        if (rows.length < pageSize) return;
      }
    },
  };
}

const COLUMNS = ['position', 'stream_id', 'revision', 'event_id', 'type', 'data', 'metadata', 'stored_at'] as const;
type RawRow = [number | bigint, string, number, string, string, string, string, string];

const fromRaw = (row: RawRow): StoredEvent =>
  toStoredEvent({
    position: row[0],
    stream_id: row[1],
    revision: row[2],
    event_id: row[3],
    type: row[4],
    data: row[5],
    metadata: row[6],
    stored_at: row[7],
  });

/** The metadata column, or an object of only the given keys (SQLite's JSON functions, in C, pick them). */
function metadataColumn(keys: readonly string[] | undefined): string {
  if (keys === undefined) return 'metadata';
  for (const key of keys) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new RangeError(`metadataKeys: not a plain key: ${key}`);
  if (keys.length === 0) return `'{}'`;
  return `json_object(${keys.map((key) => `'${key}', json_extract(metadata, '$.${key}')`).join(', ')})`;
}

const fromRawWithoutNulls = (row: RawRow): StoredEvent => {
  const event = fromRaw(row);
  for (const [key, value] of Object.entries(event.metadata)) if (value === null) delete event.metadata[key];
  return event;
};

/** The least string above every string that starts with the prefix (none for ''): its last character + 1. */
const prefixUpperBound = (prefix: string): string | undefined => {
  if (prefix === '') return undefined;
  const last = prefix.charCodeAt(prefix.length - 1);
  // A prefix ending in U+FFFF has no such bound in UTF-16 order; the GLOB alone then limits the rows.
  if (last === 0xffff) return undefined;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
};
