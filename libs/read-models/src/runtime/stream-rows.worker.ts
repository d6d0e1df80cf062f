import { parentPort, workerData } from 'node:worker_threads';
import { isCaseEventType } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { openStreamRangeReader, type StreamRange, type StreamRangeSource } from '@app/event-store/sqlite/stream-ordered-read';
import type { Projection } from './projection';

/**
 * A worker thread of a rebuild in stream order (stream-rows-workers.ts): reads ranges of whole streams on a
 * connection of its own and works out each projection's rows of them (rowsOfStreams), which the rebuild's
 * thread then writes. Plain data both ways.
 */
export interface StreamRowsWorkerData {
  source: StreamRangeSource;
  projections: ReadonlyArray<{ file: string; exportName: string }>;
}

export interface StreamRowsRequest {
  id: number;
  range: StreamRange;
}

export type FailedEvent = Pick<StoredEvent, 'position' | 'streamId' | 'type' | 'eventId'>;

export type StreamRowsAnswer = { id: number } & (
  | { ok: true; events: number; first: FailedEvent; unknownTypes: Record<string, number>; rows: unknown[] }
  | { ok: false; projection: string; event: FailedEvent; events: number; message: string; stack: string | undefined }
);

/** Consecutive events of the same stream together (the reader orders them by stream). */
function splitIntoStreams(events: readonly StoredEvent[]): StoredEvent[][] {
  const streams: StoredEvent[][] = [];
  for (const event of events) {
    const last = streams[streams.length - 1];
    if (last && last[0].streamId === event.streamId) last.push(event);
    else streams.push([event]);
  }
  return streams;
}

function serve(data: StreamRowsWorkerData): void {
  const reader = openStreamRangeReader(data.source);
  const projections = data.projections.map(({ file, exportName }) => {
    const constructor = (require(file) as Record<string, new () => Projection>)[exportName];
    return new constructor();
  });
  parentPort!.on('message', ({ id, range }: StreamRowsRequest) => {
    parentPort!.postMessage(rowsOf(id, reader.read(range), projections));
  });
}

function rowsOf(id: number, events: StoredEvent[], projections: readonly Projection[]): StreamRowsAnswer {
  const unknownTypes: Record<string, number> = {};
  const known = events.filter((event) => {
    if (isCaseEventType(event.type)) return true;
    unknownTypes[event.type] = (unknownTypes[event.type] ?? 0) + 1;
    return false;
  });
  const streams = splitIntoStreams(known);
  const { position, streamId, type, eventId } = known[0] ?? events[0];
  const first = { position, streamId, type, eventId };
  const rows: unknown[] = [];
  for (const projection of projections) {
    try {
      rows.push(projection.rowsOfStreams!(streams));
    } catch (error) {
      const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
      return { id, ok: false, projection: projection.name, event: first, events: events.length, message, stack };
    }
  }
  return { id, ok: true, events: events.length, first, unknownTypes, rows };
}

if (parentPort && (workerData as { streamRows?: StreamRowsWorkerData } | null)?.streamRows) {
  serve((workerData as { streamRows: StreamRowsWorkerData }).streamRows);
}
