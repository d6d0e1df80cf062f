import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SharedStreamOrderedLog, StreamRange } from '@app/event-store/sqlite/stream-ordered-read';
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
 * collection; with two workers beside the writer, a national rebuild then peaked at 1.5 GB of RSS. A range's
 * events and rows take a few tens of MB.
 */
const WORKER_OLD_GENERATION_MB = 256;

/** Ranges a worker holds at once: one it works on, one queued, so that it never waits for the next. */
const RANGES_PER_WORKER = 2;

/**
 * Loads the worker module under plain node (compiled .js) and under ts-node or jest (.ts source), where the
 * worker thread has none of the parent's TypeScript hooks unless node itself was started with them.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
const ts = workerData.typescript;
if (ts && !require.extensions['.ts']) {
  require(ts.tsNode).register({ transpileOnly: true, project: ts.project });
  const paths = require(ts.tsconfigPaths);
  const config = paths.loadConfig(ts.root);
  paths.register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
}
require(workerData.entry);
`;

export const canFoldOnWorkers = (projections: readonly Projection[]): boolean =>
  projections.every((p) => p.workerModule !== undefined && p.rowsOfStreams !== undefined && p.writeRows !== undefined);

/**
 * Works out the rows of every range of the log on `count` worker threads and hands each range's rows to
 * `write`, one at a time, in the order they are ready (a rebuild in stream order takes streams in any order).
 * Each worker holds at most two ranges, so at most 2 × count ranges' rows wait in memory. The first failure
 * (a projection's, a worker's, or write's) stops every worker and is thrown.
 */
export async function foldRangesOnWorkers(
  log: SharedStreamOrderedLog,
  projections: readonly Projection[],
  options: { count: number; eventsPerRange: number; write: (rows: RangeRows) => Promise<void> },
): Promise<void> {
  const workerData: StreamRowsWorkerData = { source: log.source, projections: projections.map((p) => p.workerModule!) };
  const workers = Array.from({ length: options.count }, () => startWorker(workerData));
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
  const entry = require.resolve('./stream-rows.worker');
  const typescript = entry.endsWith('.ts') ? typescriptHooks() : undefined;
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: { entry, typescript, streamRows },
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

/** For a worker of the .ts source: ts-node and the tsconfig paths, as the repository's own scripts use them. */
function typescriptHooks(): { tsNode: string; tsconfigPaths: string; project: string; root: string } {
  const root = resolve(__dirname, '../../../..');
  return {
    tsNode: require.resolve('ts-node'),
    tsconfigPaths: require.resolve('tsconfig-paths'),
    project: resolve(root, 'tsconfig.json'),
    root,
  };
}
