import type Database from 'better-sqlite3';
import { type EventRow, prefixGlob, prefixUpperBound } from './sqlite-schema';

/** Positions a prefix-filtered page walks in log order before it considers the stream index. */
export const PREFIX_WALK_WINDOW = 10_000;

/** Fewer events than this under a prefix, and the stream index finds them in a few milliseconds. */
export const RARE_PREFIX_EVENTS = 50_000;

/**
 * The index of UNIQUE(stream_id, revision). SQLite numbers a table's constraint indexes in the order the
 * schema declares them, and event_id's UNIQUE comes first (sqlite-schema.ts).
 */
const STREAM_INDEX = 'sqlite_autoindex_events_2';

/** Up to `limit` events at positions from `from` on, of the streams whose id starts with `prefix`, in log order. */
export type PrefixPage = (from: bigint, prefix: string, limit: number) => EventRow[];

/**
 * Pages of the log filtered by stream prefix, for readAll and catch-up subscriptions. There are two ways to
 * find them, and each is cheap for one kind of prefix only:
 * - walking the position key from `from`, testing each row's stream: a page of a common prefix (the case
 *   streams, nearly every event) fills after a few rows, but one of a rare prefix reads every row to the end;
 * - the prefix's range of the stream index, whose entries carry the position, sorted: a few index entries for a
 *   rare prefix (the audit streams of a young log), but every case event for the case streams (2.7 s a page on
 *   the national log).
 * So a page walks at most `window` positions. When that leaves it short before the end of the log, it counts
 * the prefix's index entries, stopping at `rareBelow`: a rare prefix takes the rest from the stream index, any
 * other walks on (a common prefix after a long run of other streams, a weekend of reads without a command). The
 * walk alone made the access-records runner of an api started on read models rebuilt by the CLI (which leaves it
 * no checkpoint) read the whole 6 GB national log before its first page: 6.2 s of a thread's CPU, and the disk,
 * beside the api's first requests.
 */
export function prefixPages(db: Database.Database, window = PREFIX_WALK_WINDOW, rareBelow = RARE_PREFIX_EVENTS): PrefixPage {
  const walk = db.prepare<[bigint, bigint, string, number], EventRow>(
    'SELECT * FROM events WHERE position >= ? AND position < ? AND +stream_id GLOB ? ORDER BY position LIMIT ?',
  );
  const walkOn = db.prepare<[bigint, string, number], EventRow>(
    'SELECT * FROM events WHERE position >= ? AND +stream_id GLOB ? ORDER BY position LIMIT ?',
  );
  // A prefix ending in U+FFFF has no upper bound (prefixUpperBound): its range is open-ended.
  const statements = (bounded: boolean) => {
    const indexRange = bounded ? 'AND stream_id < ?' : '';
    return {
      count: db.prepare<unknown[], { n: number }>(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM events INDEXED BY ${STREAM_INDEX} WHERE stream_id >= ? ${indexRange} LIMIT ?)`,
      ),
      lookUp: db.prepare<unknown[], EventRow>(
        `SELECT * FROM events INDEXED BY ${STREAM_INDEX}
         WHERE stream_id >= ? ${indexRange} AND +stream_id GLOB ? AND +position >= ? ORDER BY position LIMIT ?`,
      ),
    };
  };
  const bounded = statements(true);
  const unbounded = statements(false);
  const head = db.prepare<[], { position: number | bigint | null }>('SELECT MAX(position) AS position FROM events');

  return (from, prefix, limit) => {
    const glob = prefixGlob(prefix);
    const walkEnd = from + BigInt(window);
    const walked = walk.all(from, walkEnd, glob, limit);
    if (walked.length === limit || walkEnd > BigInt(head.get()?.position ?? 0)) return walked;
    const upper = prefixUpperBound(prefix);
    const { count, lookUp } = upper === undefined ? unbounded : bounded;
    const range = upper === undefined ? [prefix] : [prefix, upper];
    const left = limit - walked.length;
    const rare = (count.get(...range, rareBelow)?.n ?? 0) < rareBelow;
    return walked.concat(rare ? lookUp.all(...range, glob, walkEnd, left) : walkOn.all(walkEnd, glob, left));
  };
}
