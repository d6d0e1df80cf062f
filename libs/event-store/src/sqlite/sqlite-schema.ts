import type { StoredEvent } from '../event-store.port';

/**
 * One table holds the whole log. The AUTOINCREMENT key is the global position: SQLite has a single writer, so
 * positions are handed out in commit order and a reader never sees a later position before an earlier one.
 * UNIQUE(stream_id, revision) guards the stream revisions, and its index (stream_id leading) serves stream
 * reads and the current-revision check, so no separate stream_id index is needed. Prefix-filtered log reads walk
 * the position key, or this index where their streams are rare (see prefix-page.ts).
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id  TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  event_id   TEXT    NOT NULL UNIQUE,
  type       TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  metadata   TEXT    NOT NULL,
  stored_at  TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
`;

export interface EventRow {
  position: number | bigint;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  stored_at: string;
}

export const toStoredEvent = (row: EventRow): StoredEvent => ({
  streamId: row.stream_id,
  revision: row.revision,
  position: BigInt(row.position),
  eventId: row.event_id,
  type: row.type,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  storedAt: new Date(row.stored_at),
});

/**
 * GLOB pattern matching names that start with `prefix` (GLOB is case-sensitive, like stream names).
 * The wildcard characters of the prefix itself are escaped as [*], [?], [[].
 */
export const prefixGlob = (prefix: string): string => `${prefix.replace(/[*?[]/g, (c) => `[${c}]`)}*`;

/** Which unique constraint an insert broke, from better-sqlite3's error. */
export function brokenUniqueConstraint(error: unknown): 'event_id' | 'revision' | undefined {
  // Duck-typed, not `instanceof Error`: the native addon's SqliteError may come from another realm (a jest
  // worker loads the addon once for several test contexts), where instanceof fails.
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || typeof message !== 'string') return undefined;
  if (message.includes('events.event_id')) return 'event_id';
  if (message.includes('events.stream_id')) return 'revision';
  return undefined;
}

/** The least string above every string that starts with the prefix (none for ''): its last character + 1. */
export const prefixUpperBound = (prefix: string): string | undefined => {
  if (prefix === '') return undefined;
  const last = prefix.charCodeAt(prefix.length - 1);
  // A prefix ending in U+FFFF has no such bound in UTF-16 order; the GLOB alone then limits the rows.
  if (last === 0xffff) return undefined;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
};
