import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SharedStreamOrderedLog, StreamRange } from '@app/event-store/sqlite/stream-ordered-read';
import { compileWorkerCode } from '@app/worker-threads';
import { ProjectionApplyError } from './apply-event';
import type { Projection } from './projection';
import type { FailedEvent, StreamRowsAnswer, StreamRowsRequest, StreamRowsWorkerData } from './stream-rows.worker';

/** One range's rows, worked out on a worker: `rows[i]` is projections[i].rowsOfStreams of its streams. */
export interface RangeRows {
  events: number;
  /** The range's first event, to name in an error. */
  first: FailedEvent;
  unknownTypes: Record<string, number>;
  rows: unknown[];
}

/**
 * A worker's old generation, in MB. V8's default lets each thread's heap grow towards gigabytes before a full
 * collection: with two workers beside the writer, a national rebuild peaked at 1.5 GB of RSS, and at 1.3 GB with
 * this bound. A range's events and rows take a few tens of MB.
 */
const WORKER_OLD_GENERATION_MB = 256;

/** Ranges a worker holds at once: one it works on, one queued, so that it never waits for the next. */
const RANGES_PER_WORKER = 2;

/**
 * Whether a worker would construct the very projections given: each names its workerModule, as its own class
 * (a subclass inheriting its parent's would be replaced by the parent there), and works out its rows as that
 * class does (not patched on the instance).
 */
export const canFoldOnWorkers = (projections: readonly Projection[]): boolean =>
  projections.every(
    (p) =>
      p.workerModule !== undefined &&
      p.workerModule.exportName === p.constructor.name &&
      p.rowsOfStreams !== undefined &&
      p.writeRows !== undefined &&
      !Object.prototype.hasOwnProperty.call(p, 'rowsOfStreams'),
  );

/**
 * Works out the rows of every range of the log on `count` worker threads and hands each range's rows to
 * `write`, one at a time, in the order they are ready (a rebuild in stream order takes streams in any order).
 * Each worker holds at most two ranges, so at most 2 × count + 1 ranges' rows are in memory (one being
 * written). The first failure (a projection's, a worker's, or write's) stops every worker and is thrown.
 */
export async function foldRangesOnWorkers(
  log: SharedStreamOrderedLog,
  projections: readonly Projection[],
  options: { count: number; eventsPerRange: number; write: (rows: RangeRows) => Promise<void> },
): Promise<void> {
  const workerData: StreamRowsWorkerData = { source: log.source, projections: projections.map((p) => p.workerModule!) };
  const workers: StreamRowsWorker[] = [];
  const ranges = log.ranges(options.eventsPerRange)[Symbol.iterator]();
  const pending = new Map<number, { worker: StreamRowsWorker; answer: Promise<RangeRows> }>();
  let nextId = 0;
  const dispatch = (worker: StreamRowsWorker): void => {
    const next = ranges.next();
    if (next.done) return;
    const id = (nextId += 1);
    const answer = worker.rowsOf(id, next.value);
    answer.catch(() => undefined); // awaited below, perhaps after another range's
    pending.set(id, { worker, answer });
  };
  try {
    for (let i = 0; i < options.count; i += 1) workers.push(startWorker(workerData));
    for (let round = 0; round < RANGES_PER_WORKER; round += 1) workers.forEach(dispatch);
    while (pending.size > 0) {
      const [id, rows] = await Promise.race([...pending].map(async ([id, { answer }]) => [id, await answer] as const));
      const { worker } = pending.get(id)!;
      pending.delete(id);
      dispatch(worker);
      await options.write(rows);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

interface StreamRowsWorker {
  rowsOf(id: number, range: StreamRange): Promise<RangeRows>;
  stop(): Promise<void>;
}

function startWorker(streamRows: StreamRowsWorkerData): StreamRowsWorker {
  const projections = streamRows.projections.map(({ file, exportName }) => ({ file: runnable(file), exportName }));
  const worker = new Worker(runnable(join(__dirname, `stream-rows.worker${extname(__filename)}`)), {
    workerData: { streamRows: { ...streamRows, projections } },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
  });
  const waiting = new Map<number, { resolve: (rows: RangeRows) => void; reject: (error: unknown) => void }>();
  const failAll = (error: unknown): void => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (answer: StreamRowsAnswer) => {
    const request = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (!request) return;
    if (answer.ok) request.resolve({ events: answer.events, first: answer.first, unknownTypes: answer.unknownTypes, rows: answer.rows });
    else request.reject(new ProjectionApplyError(answer.projection, answer.event, causeOf(answer), answer.events));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`a rebuild worker thread exited (code ${code}) with ranges unanswered`)));
  return {
    rowsOf: (id, range) =>
      new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, range } satisfies StreamRowsRequest);
      }),
    stop: async () => {
      await worker.terminate();
    },
  };
}

const causeOf = (answer: Extract<StreamRowsAnswer, { ok: false }>): Error => {
  const cause = new Error(answer.message);
  if (answer.stack) cause.stack = answer.stack;
  return cause;
};

/** Under ts-node (the npm scripts, jest) a worker runs the modules' transpiled JavaScript (@app/worker-threads). */
const runnable = (file: string): string => (extname(file) === '.ts' ? compileWorkerCode(file) : file);
