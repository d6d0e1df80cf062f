import { Worker } from 'node:worker_threads';
import type { EventRow } from './sqlite-schema';

/** Reader threads of a store: two, so that one read waiting on the disk does not hold up the next. */
export const STREAM_READERS = 2;

/** The columns a reader sends back, in this order, as one array per event (cheaper to copy than objects). */
const COLUMNS = ['position', 'stream_id', 'revision', 'event_id', 'type', 'data', 'metadata', 'stored_at'] as const;
type RawEventRow = [number, string, number, string, string, string, string, string];

/**
 * A reader thread, as source text (eval) so that it runs the same under node, ts-node and jest (see the writer,
 * group-commit-writer.ts). Its own read-only connection: in WAL mode every statement reads the last commit, so
 * a stream read here sees every append the writer acknowledged before the read was asked for.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { readonly: true });
db.pragma('busy_timeout = 5000');
const readStream = db.prepare('SELECT ${COLUMNS.join(', ')} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision').raw(true);
parentPort.on('message', ({ id, streamId, fromRevision }) => {
  try {
    parentPort.postMessage({ id, rows: readStream.all(streamId, fromRevision) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Pending {
  resolve: (rows: EventRow[]) => void;
  reject: (error: unknown) => void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Set by close while reads are in flight: called when the last is answered. */
  drained?: () => void;
}

type ReaderAnswer = { id: number; rows: RawEventRow[] } | { id: number; error: { message: string; code?: string } };

const toEventRow = ([position, stream_id, revision, event_id, type, data, metadata, stored_at]: RawEventRow): EventRow => ({
  position,
  stream_id,
  revision,
  event_id,
  type,
  data,
  metadata,
  stored_at,
});

/**
 * What a thread's uncaught error arrives as: better-sqlite3's SqliteError is not a built-in error class, so it
 * crosses as a plain object holding only its code.
 */
function asError(error: unknown): Error {
  if (error instanceof Error && error.message) return error;
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  const reason = typeof message === 'string' && message ? message : typeof code === 'string' ? code : String(error);
  return Object.assign(new Error(`an SQLite reader thread failed: ${reason}`), typeof code === 'string' ? { code } : {});
}

/**
 * Whole-stream reads off the caller's thread. better-sqlite3 answers synchronously, so a stream whose pages are
 * not in the page cache (a case not read for a while, its events spread over a log of gigabytes) held the event
 * loop, and every request in flight with it, for as long as the disk took: on the national log under commands
 * at concurrency 8, 98 of 14,694 stream reads took over 5 ms (the longest 36 ms), and stream reads were 14% of
 * the api's main-thread time. Here a read waits on a reader thread instead, and the event loop only turns the
 * rows into events. Threads start with the first read and do not keep the process alive while idle.
 */
export class StreamReaderPool {
  private readers: (Reader | undefined)[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly filename: string,
    private readonly size = STREAM_READERS,
  ) {}

  read(streamId: string, fromRevision: number): Promise<EventRow[]> {
    if (this.closed) return Promise.reject(new Error('The SQLite event store is closed'));
    const reader = this.leastBusy();
    const id = this.nextId++;
    return new Promise<EventRow[]>((resolve, reject) => {
      reader.pending.set(id, { resolve, reject });
      if (reader.pending.size === 1) reader.worker.ref();
      reader.worker.postMessage({ id, streamId, fromRevision });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const readers = this.readers.filter((reader): reader is Reader => reader !== undefined);
    this.readers = [];
    await Promise.all(
      readers.map(async (reader) => {
        // The reads in flight are owed an answer.
        if (reader.pending.size > 0) await new Promise<void>((resolve) => (reader.drained = resolve));
        await reader.worker.terminate();
      }),
    );
  }

  /** The reader with the fewest reads in flight; a slot without a (live) reader gets a new one. */
  private leastBusy(): Reader {
    let best: Reader | undefined;
    for (let slot = 0; slot < this.size; slot += 1) {
      const reader = this.readers[slot] ?? (this.readers[slot] = this.startReader(slot));
      if (best === undefined || reader.pending.size < best.pending.size) best = reader;
      if (best.pending.size === 0) break;
    }
    return best as Reader;
  }

  private startReader(slot: number): Reader {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { filename: this.filename, driver: require.resolve('better-sqlite3') } });
    worker.unref();
    const reader: Reader = { worker, pending: new Map() };
    worker.on('message', (answer: ReaderAnswer) => {
      const waiting = reader.pending.get(answer.id);
      reader.pending.delete(answer.id);
      if (reader.pending.size === 0) {
        worker.unref();
        reader.drained?.();
      }
      if (!waiting) return;
      if ('rows' in answer) waiting.resolve(answer.rows.map(toEventRow));
      else waiting.reject(Object.assign(new Error(answer.error.message), answer.error.code ? { code: answer.error.code } : {}));
    });
    const fail = (error: unknown): void => {
      if (this.readers[slot] === reader) this.readers[slot] = undefined; // the next read starts a new reader
      for (const [id, { reject }] of reader.pending) {
        reader.pending.delete(id);
        reject(error);
      }
      reader.drained?.();
    };
    worker.on('error', (error) => fail(asError(error)));
    worker.on('exit', (code) => fail(new Error(`an SQLite reader thread exited (${code})`)));
    return reader;
  }
}
