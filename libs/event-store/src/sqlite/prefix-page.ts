import type Database from 'better-sqlite3';
import { type EventRow, prefixGlob, prefixUpperBound } from './sqlite-schema';

/** Positions a prefix-filtered page walks in log order before it looks the rest up on the stream index. */
export const PREFIX_WALK_WINDOW = 10_000;

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
 *   rare prefix (the audit streams), but the whole log for the case streams (2.7 s a page on the national log).
 * So a page walks at most `window` positions, and when that leaves it short before the end of the log, it takes
 * the rest from the stream index. The walk alone made the access-records runner of an api started on read
 * models rebuilt by the CLI (which leaves it no checkpoint) read the whole 6 GB national log before its first
 * page, 6.2 s of a thread's CPU and the disk beside the api's first requests.
 */
export function prefixPages(db: Database.Database, window = PREFIX_WALK_WINDOW): PrefixPage {
  const walk = db.prepare<[bigint, bigint, string, number], EventRow>(
    'SELECT * FROM events WHERE position >= ? AND position < ? AND +stream_id GLOB ? ORDER BY position LIMIT ?',
  );
  const lookUp = (range: string) =>
    db.prepare<unknown[], EventRow>(
      `SELECT * FROM events INDEXED BY ${STREAM_INDEX}
       WHERE stream_id >= ? ${range} AND +stream_id GLOB ? AND +position >= ? ORDER BY position LIMIT ?`,
    );
  const lookUpBetween = lookUp('AND stream_id < ?');
  const lookUpFrom = lookUp('');
  const head = db.prepare<[], { position: number | bigint | null }>('SELECT MAX(position) AS position FROM events');

  return (from, prefix, limit) => {
    const glob = prefixGlob(prefix);
    const walkEnd = from + BigInt(window);
    const walked = walk.all(from, walkEnd, glob, limit);
    if (walked.length === limit || walkEnd > BigInt(head.get()?.position ?? 0)) return walked;
    const upper = prefixUpperBound(prefix);
    const rest = upper === undefined ? lookUpFrom.all(prefix, glob, walkEnd, limit - walked.length) : lookUpBetween.all(prefix, upper, glob, walkEnd, limit - walked.length);
    return walked.concat(rest);
  };
}
