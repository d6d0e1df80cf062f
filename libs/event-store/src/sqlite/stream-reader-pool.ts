import { RequestThread } from './request-thread';
import type { EventRow } from './sqlite-schema';

/** Reader threads of a store: two, so that one read waiting on the disk does not hold up the next. */
export const STREAM_READERS = 2;

/** The columns a reader sends back, in this order, as one array per event (cheaper to copy than objects). */
const COLUMNS = ['position', 'stream_id', 'revision', 'event_id', 'type', 'data', 'metadata', 'stored_at'] as const;
type RawEventRow = [number, string, number, string, string, string, string, string];

/**
 * A reader thread (see RequestThread). Its own read-only connection: in WAL mode every statement reads the last
 * commit, so a stream read here sees every append the writer acknowledged before the read was asked for.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { readonly: true });
db.pragma('busy_timeout = 5000');
const readStream = db.prepare('SELECT ${COLUMNS.join(', ')} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision').raw(true);
parentPort.on('message', ({ id, request: { streamId, fromRevision } }) => {
  try {
    parentPort.postMessage([{ id, answer: readStream.all(streamId, fromRevision) }]);
  } catch (error) {
    parentPort.postMessage([{ id, error: { message: String(error && error.message), code: error && error.code } }]);
  }
});
`;

interface ReadRequest {
  streamId: string;
  fromRevision: number;
}

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
 * Whole-stream reads off the caller's thread. better-sqlite3 answers synchronously, so a stream whose pages are
 * not in the page cache (a case not read for a while, its events spread over a log of gigabytes) held the event
 * loop, and every request in flight with it, for as long as the disk took: on the national log under commands
 * at concurrency 8, 98 of 14,694 stream reads took over 5 ms (the longest 36 ms), and stream reads were 14% of
 * the api's main-thread time. Here a read waits on a reader thread instead, and the event loop only turns the
 * rows into events. Threads start with the first read and do not keep the process alive while idle.
 */
export class StreamReaderPool {
  private readonly readers: RequestThread<ReadRequest, RawEventRow[]>[];

  constructor(filename: string, size = STREAM_READERS) {
    const workerData = { filename, driver: require.resolve('better-sqlite3') };
    this.readers = Array.from({ length: size }, () => new RequestThread(WORKER_SOURCE, workerData, 'an SQLite reader thread'));
  }

  async read(streamId: string, fromRevision: number): Promise<EventRow[]> {
    const rows = await this.leastBusy().request({ streamId, fromRevision });
    return rows.map(toEventRow);
  }

  async close(): Promise<void> {
    await Promise.all(this.readers.map((reader) => reader.close()));
  }

  /** The reader with the fewest reads in flight; an idle one (started or not) at once. */
  private leastBusy(): RequestThread<ReadRequest, RawEventRow[]> {
    let best = this.readers[0];
    for (const reader of this.readers) {
      if (reader.inFlight < best.inFlight) best = reader;
      if (best.inFlight === 0) break;
    }
    return best;
  }
}
