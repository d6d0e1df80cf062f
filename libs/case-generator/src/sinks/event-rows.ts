import type { SerializedEventToAppend } from '@app/event-store';
import type { GeneratedEvent } from '../simulation/simulate';

/**
 * A generated event as the store will keep it: JSON text for data and metadata, and its place in the log
 * (recording time, then case key). Rows are what crosses from a simulating worker thread to the writing thread.
 */
export interface EventRow {
  recordAt: number;
  key: number;
  streamId: string;
  revision: number;
  event: SerializedEventToAppend;
}

export const toRow = (generated: GeneratedEvent): EventRow => ({
  recordAt: generated.recordAt,
  key: generated.key,
  streamId: generated.streamId,
  revision: generated.revision,
  event: {
    eventId: generated.event.eventId,
    type: generated.event.type,
    dataJson: generated.dataJson,
    metadataJson: JSON.stringify(generated.event.metadata),
  },
});

/** Log order of rows: by recording time, then by case key (see CaseQueue). */
export const rowBefore = (a: EventRow, b: EventRow): boolean => a.recordAt < b.recordAt || (a.recordAt === b.recordAt && a.key < b.key);

// JSON text never holds a raw NUL (JSON.stringify escapes control characters), nor do ids and stream names.
const FIELD = '\u0000';
const FIELDS = 8;

/**
 * Rows packed into one string: a thread-to-thread message of one string is a single copy, where an array of
 * objects is cloned member by member - at millions of events the difference is most of the transfer's cost.
 */
export const packRows = (rows: readonly EventRow[]): string =>
  rows
    .map((r) => [r.recordAt, r.key, r.streamId, r.revision, r.event.eventId, r.event.type, r.event.dataJson, r.event.metadataJson].join(FIELD))
    .join(FIELD);

export const unpackRows = (packed: string): EventRow[] => {
  if (packed === '') return [];
  const fields = packed.split(FIELD);
  const rows: EventRow[] = new Array(fields.length / FIELDS);
  for (let i = 0, f = 0; f < fields.length; i += 1, f += FIELDS) {
    rows[i] = {
      recordAt: Number(fields[f]),
      key: Number(fields[f + 1]),
      streamId: fields[f + 2],
      revision: Number(fields[f + 3]),
      event: { eventId: fields[f + 4], type: fields[f + 5], dataJson: fields[f + 6], metadataJson: fields[f + 7] },
    };
  }
  return rows;
};

/** Groups an iterable into arrays of at most `size`. */
export function* chunked<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

export function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}
