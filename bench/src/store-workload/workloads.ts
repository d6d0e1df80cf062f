import { type EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { summarizeLatencies, type LatencySummary } from '../stats/percentiles';
import { check, checkStreamLengths, checkTypeCounts, emptyFold, foldEvent, type StreamFold, type WorkloadCheck } from './fold';
import type { WorkloadShape } from './shape';
import { WORKLOAD_EVENT_TYPES } from './shape';
import { assertWorkloadSizes, newWorkloadStream, workloadEvent, type WorkloadStream } from './workload-events';

/**
 * W1-W3 exactly as the note words them, against the event-store port, so every adapter runs the same code.
 * Write rates count the time inside appendToStream only: building the note's events (uuids, padding) is the
 * workload's cost, not the store's. Read rates are wall time including the fold, which the note makes part of W3.
 */

export interface Rate {
  count: number;
  seconds: number;
  perSecond: number;
}

export interface W1Result {
  appends: Rate;
  latencyMs: LatencySummary;
  checks: WorkloadCheck[];
}

const since = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;
const rate = (count: number, seconds: number): Rate => ({ count, seconds, perSecond: count / seconds });

/** W1: one event per append, awaited, round-robin over the streams, each with the expected revision. */
export async function runW1(store: EventStore, shape: WorkloadShape): Promise<W1Result> {
  const streams = Array.from({ length: shape.w1Streams }, (_, serial) => newWorkloadStream(serial));
  const revisions: Array<number | undefined> = new Array(streams.length).fill(undefined);
  const latencies = new Float64Array(streams.length * shape.eventsPerStream);
  let appended = 0;
  for (let i = 0; i < shape.eventsPerStream; i += 1) {
    for (let s = 0; s < streams.length; s += 1) {
      const event = workloadEvent(streams[s], i);
      if (i === 0) assertWorkloadSizes(event);
      const before = process.hrtime.bigint();
      const result = await store.appendToStream(streams[s].streamId, [event], revisions[s] ?? 'no_stream');
      latencies[appended] = Number(process.hrtime.bigint() - before) / 1e6;
      appended += 1;
      revisions[s] = result.nextExpectedRevision;
    }
  }
  const appends = rate(appended, latencies.reduce((sum, ms) => sum + ms, 0) / 1000);

  const lengths: number[] = [];
  for (const stream of streams) lengths.push((await store.readStream(stream.streamId)).length);
  return {
    appends,
    latencyMs: summarizeLatencies(latencies),
    checks: [
      checkStreamLengths('W1: every stream has 15 events', lengths, shape.w1Streams, shape.eventsPerStream),
      await checkStaleRevisionRefused(store, streams[0], revisions[0] as number, shape.eventsPerStream),
    ],
  };
}

/** An append expecting the revision before the last one must be refused and leave the stream as it was. */
async function checkStaleRevisionRefused(store: EventStore, stream: WorkloadStream, last: number, length: number): Promise<WorkloadCheck> {
  const name = 'W1: an append with a stale expected revision is refused';
  let outcome: string;
  try {
    await store.appendToStream(stream.streamId, [workloadEvent(stream, length)], last - 1);
    outcome = 'accepted';
  } catch (error) {
    outcome = error instanceof WrongExpectedRevisionError ? 'refused' : `failed otherwise: ${(error as Error).message}`;
  }
  const after = (await store.readStream(stream.streamId)).length;
  return check(name, outcome === 'refused' && after === length, `expected revision ${last - 1} (actual ${last}): ${outcome}; stream has ${after} events`);
}

export interface W2Result {
  events: Rate;
  streams: WorkloadStream[];
}

/** W2: one append per stream carrying its 15 events, expecting a new stream. */
export async function runW2(store: EventStore, shape: WorkloadShape): Promise<W2Result> {
  const streams = Array.from({ length: shape.w2Streams }, (_, serial) => newWorkloadStream(serial));
  let inStore = 0n;
  for (const stream of streams) {
    const events = Array.from({ length: shape.eventsPerStream }, (_, i) => workloadEvent(stream, i));
    assertWorkloadSizes(events[0]);
    const before = process.hrtime.bigint();
    await store.appendToStream(stream.streamId, events, 'no_stream');
    inStore += process.hrtime.bigint() - before;
  }
  return { events: rate(shape.w2Streams * shape.eventsPerStream, Number(inStore) / 1e9), streams };
}

export interface ReadResult {
  events: Rate;
  checks: WorkloadCheck[];
}

/** W3 (a): read each stream W2 wrote and fold it. */
export async function runW3a(store: EventStore, streams: WorkloadStream[], shape: WorkloadShape): Promise<ReadResult> {
  const folds: StreamFold[] = [];
  const started = process.hrtime.bigint();
  for (const stream of streams) {
    const fold = emptyFold();
    for (const event of await store.readStream(stream.streamId)) foldEvent(fold, event);
    folds.push(fold);
  }
  const seconds = since(started);
  const events = folds.reduce((sum, fold) => sum + fold.events, 0);
  return {
    events: rate(events, seconds),
    checks: [checkStreamLengths('W3a: every stream has 15 events', folds.map((fold) => fold.events), streams.length, shape.eventsPerStream)],
  };
}

/** W3 (b): read the whole log in global order and fold it per stream. */
export async function runW3b(store: EventStore, shape: WorkloadShape): Promise<ReadResult> {
  const folds = new Map<string, StreamFold>();
  let previous: bigint | undefined;
  let outOfOrder = 0;
  let events = 0;
  const started = process.hrtime.bigint();
  for await (const event of store.readAll()) {
    if (previous !== undefined && event.position <= previous) outOfOrder += 1;
    previous = event.position;
    let fold = folds.get(event.streamId);
    if (!fold) folds.set(event.streamId, (fold = emptyFold()));
    foldEvent(fold, event);
    events += 1;
  }
  const seconds = since(started);
  const total = shape.w2Streams * shape.eventsPerStream;
  return {
    events: rate(events, seconds),
    checks: [
      check('W3b: positions strictly increase', outOfOrder === 0 && events === total, `${events} of ${total} events read, ${outOfOrder} positions not above the previous one`),
      checkTypeCounts('W3b: each type occurs 60,000 times (at the note\'s scale)', folds.values(), total / WORKLOAD_EVENT_TYPES.length),
    ],
  };
}
