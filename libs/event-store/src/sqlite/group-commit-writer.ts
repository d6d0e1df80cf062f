import { RequestThread } from './request-thread';
import type { ExpectedRevision } from '../event-store.port';

/** One append as the writer thread gets it: data and metadata are JSON text already. */
export interface WriterAppend {
  streamId: string;
  events: { eventId: string; type: string; data: string; metadata: string }[];
  expected: ExpectedRevision;
  storedAt: string;
}

/**
 * What became of one append, as plain data. Any other error (a failed commit, a full disk) comes back as the
 * thread's error answer, and the append's promise rejects with it (RequestThread).
 */
export type WriterOutcome =
  | { ok: true; revision: number; position: string }
  | { ok: false; kind: 'revision'; actual: number | 'no_stream' }
  | { ok: false; kind: 'event_id' };

/** Most appends one transaction carries: bounds the time a group holds the write lock. */
export const MAX_GROUP = 256;

/**
 * The writer's page cache, in KiB. Every append dirties a random leaf of the event-id index and of the stream
 * index, which SQLite's default 2 MB reads back from the file on most appends once the log is large. Not more:
 * the end of each commit walks the page cache (pcache1Truncate in pager_end_transaction, seen in a perf profile),
 * and with 32 MB that walk cost more CPU per append of 15 events than the reads it saved (measured, W2 shape).
 */
export const WRITER_CACHE_KIB = 8 * 1024;

/**
 * WAL pages after which a commit checkpoints. The default (1000) checkpoints every 30-odd appends of 15 events,
 * each time copying and fsyncing the database pages of those appends, most of them index leaves that the next
 * appends dirty again; 10,000 (a WAL of about 40 MB) copies each such page once for ten times as many appends.
 * Durability does not depend on it: a commit is durable once its WAL frames are synced (synchronous=FULL).
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * The writer thread, as source text (eval) so that it runs the same under node, ts-node and jest, none of which
 * would otherwise agree on how to load a .ts worker file. Every message is one append; the messages that queued
 * up while the previous group was committing are taken together (receiveMessageOnPort) into one IMMEDIATE
 * transaction, one commit, one fsync. In a group of several, each append runs in its own savepoint (a nested
 * better-sqlite3 transaction): its revision check sees the appends before it in the group, and a refused append
 * rolls back only its own rows; an append alone is its own transaction. A failed commit fails the whole group,
 * and nothing of it is visible: SQLite syncs the WAL (synchronous=FULL) before it publishes a commit, so
 * whatever any reader sees is durable.
 */
const WORKER_SOURCE = `
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = ' + workerData.synchronous);
// See WRITER_CACHE_KIB and WRITER_AUTOCHECKPOINT_PAGES. temp_store: a savepoint's journal (the originals of the
// pages an append changes, some 120 KB for 15 events) stays in memory instead of a temporary file per savepoint.
db.pragma('cache_size = -' + workerData.cacheKib);
db.pragma('wal_autocheckpoint = ' + workerData.autocheckpointPages);
db.pragma('temp_store = MEMORY');
const currentRevision = db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?');
const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
const revisionOf = (streamId) => { const row = currentRevision.get(streamId); return row && row.revision !== null ? row.revision : 'no_stream'; };
const matches = (current, expected) => expected === 'any' || (expected === 'no_stream' ? current === 'no_stream' : current === expected);
class Refused { constructor(outcome) { this.outcome = outcome; } }
class Failed { constructor(error) { this.error = { message: String(error && error.message), code: error && error.code }; } }
const appendOne = db.transaction((append) => {
  const current = revisionOf(append.streamId);
  if (!matches(current, append.expected)) throw new Refused({ ok: false, kind: 'revision', actual: current });
  let revision = current === 'no_stream' ? -1 : current;
  let position = 0n;
  for (const e of append.events) {
    revision += 1;
    position = BigInt(insert.run(append.streamId, revision, e.eventId, e.type, e.data, e.metadata, append.storedAt).lastInsertRowid);
  }
  return { ok: true, revision, position: String(position) };
});
const refusal = (error, append) => {
  if (error instanceof Refused) return error.outcome;
  const message = String(error && error.message);
  if (error && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && message.includes('events.event_id')) return { ok: false, kind: 'event_id' };
  if (error && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && message.includes('events.stream_id')) return { ok: false, kind: 'revision', actual: revisionOf(append.streamId) };
  return new Failed(error);
};
const appendGroup = db.transaction((group) => group.map(({ request: append }) => {
  try { return appendOne(append); } catch (error) { return refusal(error, append); }
}));
const failedGroup = (group, error) => group.map(() => new Failed(error));
parentPort.on('message', (first) => {
  const group = [first];
  for (let next; group.length < workerData.maxGroup && (next = receiveMessageOnPort(parentPort)); ) group.push(next.message);
  let outcomes;
  if (group.length === 1) {
    // Alone (every awaited append of a single caller): its own IMMEDIATE transaction, no savepoint. A savepoint
    // journals the original of every page it changes (about 30 for an append of 15 events), which cost more than
    // the inserts; a refusal here rolls back the whole transaction, which is this append only.
    try {
      outcomes = [appendOne.immediate(first.request)];
    } catch (error) {
      outcomes = [refusal(error, first.request)]; // rolled back by better-sqlite3, whatever failed
    }
  } else {
    try {
      outcomes = appendGroup.immediate(group);
    } catch (error) {
      outcomes = failedGroup(group, error);
    }
  }
  parentPort.postMessage(group.map(({ id }, index) => (outcomes[index] instanceof Failed ? { id, error: outcomes[index].error } : { id, answer: outcomes[index] })));
});
`;

/**
 * Group commit for the SQLite store: appends go to a writer thread with its own connection, so the fsync of a
 * commit blocks that thread, not the event loop, and the appends that arrive meanwhile share the next commit.
 * Reads stay on the caller's connection (WAL: readers do not wait for the writer).
 */
export class GroupCommitWriter {
  private readonly thread: RequestThread<WriterAppend, WriterOutcome>;

  constructor(filename: string, synchronous: 'FULL' | 'NORMAL') {
    this.thread = new RequestThread(
      WORKER_SOURCE,
      { filename, synchronous, driver: require.resolve('better-sqlite3'), maxGroup: MAX_GROUP, cacheKib: WRITER_CACHE_KIB, autocheckpointPages: WRITER_AUTOCHECKPOINT_PAGES },
      'the SQLite writer thread',
    );
  }

  /** Groups committed (or failed) so far: with concurrent appends, fewer than the appends. */
  get commits(): number {
    return this.thread.batches;
  }

  append(append: WriterAppend): Promise<WriterOutcome> {
    return this.thread.request(append);
  }

  /** Waits for the appends in flight, then stops the thread. */
  close(): Promise<void> {
    return this.thread.close();
  }
}
