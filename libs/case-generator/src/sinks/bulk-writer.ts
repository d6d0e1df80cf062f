import { appendToStreams, type EventStore, type StreamAppend } from '@app/event-store';
import type { EventRow } from './event-rows';

export interface BulkWriteOptions {
  /** Events per transaction. Default 50,000: the commit cost vanishes, progress still moves. */
  batchSize?: number;
  /** After each transaction: events written so far. */
  onProgress?: (written: number) => void;
}

/**
 * Writes generated events through the event-store port, in log order, many streams per call: the store's
 * appendToStreams when it has one (one transaction per batch), appendToStream per event otherwise. Each event
 * goes with the revision its stream must be at, so the store's revision checks hold as for the api's appends.
 */
export async function writeInBulk(
  store: EventStore,
  chunks: Iterable<readonly EventRow[]> | AsyncIterable<readonly EventRow[]>,
  options: BulkWriteOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 50_000;
  let batch: StreamAppend[] = [];
  let written = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await appendToStreams(store, batch);
    written += batch.length;
    batch = [];
    options.onProgress?.(written);
  };
  for await (const rows of chunks) {
    for (const { streamId, revision, event } of rows) {
      batch.push({ streamId, events: [event], expected: revision === 0 ? 'no_stream' : revision - 1 });
    }
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return written;
}
