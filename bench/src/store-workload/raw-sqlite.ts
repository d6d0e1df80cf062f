import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptyFold, foldEvent, type StreamFold } from './fold';
import type { WorkloadShape } from './shape';
import { newWorkloadStream, workloadEvent } from './workload-events';
import type { Rate } from './workloads';

/**
 * The physical limit of the embedded store, as the note defines it: W2's rows inserted straight into one SQLite
 * table in transactions of 10,000, and read back in order with JSON.parse. Same file settings as
 * SqliteEventStore (WAL, synchronous FULL), so the ratio to the adapter is the adapter's own overhead.
 */
const TABLE = `
CREATE TABLE events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream   TEXT    NOT NULL,
  revision INTEGER NOT NULL,
  event_id TEXT    NOT NULL UNIQUE,
  type     TEXT    NOT NULL,
  data     TEXT    NOT NULL,
  metadata TEXT    NOT NULL,
  UNIQUE (stream, revision)
)`;

interface Row {
  stream: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

/** Inserts W2's rows; the rate counts the time inside the transactions (building the rows is not the store's). */
export function rawInsert(dir: string, shape: WorkloadShape): Rate {
  const db = open(dir);
  db.exec(TABLE);
  const insert = db.prepare('INSERT INTO events (stream, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const insertAll = db.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(row.stream, row.revision, row.event_id, row.type, row.data, row.metadata);
  });
  let pending: Row[] = [];
  let rows = 0;
  let inStore = 0n;
  const flush = (): void => {
    const before = process.hrtime.bigint();
    insertAll(pending);
    inStore += process.hrtime.bigint() - before;
    rows += pending.length;
    pending = [];
  };
  for (let serial = 0; serial < shape.w2Streams; serial += 1) {
    const stream = newWorkloadStream(serial);
    for (let i = 0; i < shape.eventsPerStream; i += 1) {
      const event = workloadEvent(stream, i);
      pending.push({
        stream: stream.streamId,
        revision: i,
        event_id: event.eventId,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
      });
      if (pending.length === shape.rawTransactionRows) flush();
    }
  }
  if (pending.length > 0) flush();
  db.close();
  const seconds = Number(inStore) / 1e9;
  return { count: rows, seconds, perSecond: rows / seconds };
}

const READ_PAGE_ROWS = 10_000;

/**
 * Reads every row in position order, a page of 10,000 at a time, parses data and metadata and folds per stream
 * as W3 (b) does: the same work as the adapter's readAll minus the adapter.
 */
export function rawRead(dir: string): Rate & { folds: Map<string, StreamFold> } {
  const db = open(dir);
  const page = db.prepare<[number, number], Row & { position: number }>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
  const folds = new Map<string, StreamFold>();
  let rows = 0;
  let after = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const batch = page.all(after, READ_PAGE_ROWS);
    for (const row of batch) {
      const data = JSON.parse(row.data) as unknown;
      JSON.parse(row.metadata);
      let fold = folds.get(row.stream);
      if (!fold) folds.set(row.stream, (fold = emptyFold()));
      foldEvent(fold, { type: row.type, data });
    }
    rows += batch.length;
    if (batch.length < READ_PAGE_ROWS) break;
    after = batch[batch.length - 1].position;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { count: rows, seconds, perSecond: rows / seconds, folds };
}

function open(dir: string): Database.Database {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}
