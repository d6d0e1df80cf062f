import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileWorkerCode } from '@app/worker-threads';
import type { Profile } from '../profiles';
import type { SimulationStats } from '../simulation/simulate';
import { type EventRow, unpackRows } from '../sinks/event-rows';
import { mergeInLogOrder, type RowSource } from './merge-sources';
import { addStats, type SimulationWorkerData, type WorkerReply } from './simulation-worker';
import { mergeRowFiles, spillPartition } from './spill';

/**
 * A run split over worker threads: each simulates one partition of the families (see Partition) and the rows
 * are merged here by (recording time, case key) - exactly the order a single thread produces, so the log does
 * not depend on the number of threads. Deciding, folding and sealing events costs far more than writing them,
 * and this spreads that work over the cores while this thread writes.
 */
export interface ParallelOptions {
  workers: number;
  /** Rows per message from a worker. */
  batchSize?: number;
  /** Added up from the workers' own statistics once they are done. */
  stats?: SimulationStats;
}

/**
 * Heap of a worker that simulates partitions: a partition of a spilled run keeps well under 100 MB of cases, and a
 * bounded heap is collected before it grows far past what it holds.
 */
const SPILL_WORKER_HEAP_MB = 320;

const startWorker = (data: SimulationWorkerData): Worker => {
  const entry = join(__dirname, `simulation-worker${extname(__filename)}`);
  // Under ts-node (the npm scripts, jest) the worker runs the transpiled JavaScript (see @app/worker-threads).
  return new Worker(extname(entry) === '.ts' ? compileWorkerCode(entry) : entry, {
    workerData: data,
    ...(data.mode === 'spill' ? { resourceLimits: { maxOldGenerationSizeMb: SPILL_WORKER_HEAP_MB } } : {}),
  });
};

/** Batches asked for ahead of need: the worker goes on simulating while this thread merges and writes. */
const BATCHES_AHEAD = 3;

/** One worker's rows, a few batches ahead: each batch that arrives is replaced by a new request at once. */
class WorkerSource implements RowSource {
  rows: EventRow[] = [];
  index = 0;
  done = false;
  private readonly replies: ((reply: WorkerReply | Error) => void)[] = [];
  private readonly pending: Promise<WorkerReply | Error>[] = [];

  constructor(
    readonly worker: Worker,
    private readonly onDone: (stats: SimulationStats) => void,
  ) {
    worker.on('message', (reply: WorkerReply) => this.replies.shift()?.(reply));
    worker.on('error', (error) => this.replies.splice(0).forEach((settle) => settle(error)));
    worker.on('exit', (code) => this.replies.splice(0).forEach((settle) => settle(new Error(`simulation worker exited with code ${code}`))));
  }

  request(): void {
    this.pending.push(new Promise((settle) => this.replies.push(settle)));
    this.worker.postMessage('pull');
  }

  get empty(): boolean {
    return this.index >= this.rows.length;
  }

  async fill(): Promise<void> {
    const reply = await this.pending.shift()!;
    if (reply instanceof Error) throw reply;
    if (reply.kind === 'failed') throw new Error(`simulation worker failed: ${reply.message}`);
    if (reply.kind === 'done') {
      this.done = true;
      this.onDone(reply.stats);
      return;
    }
    if (reply.kind !== 'rows') throw new Error(`unexpected reply from a simulation worker: ${reply.kind}`);
    this.rows = unpackRows(reply.packed);
    this.index = 0;
    this.request();
  }
}

const sumStats = (into: SimulationStats, from: SimulationStats): void => {
  const peak = into.peakRunning + from.peakRunning; // running at the same time, on different threads
  addStats(into, from);
  into.peakRunning = peak;
};

/** The run's rows in log order, in chunks. */
export async function* simulateInParallel(profile: Profile, seed: number, options: ParallelOptions): AsyncGenerator<EventRow[]> {
  const parts = Math.max(1, Math.floor(options.workers));
  const batchSize = options.batchSize ?? 4000;
  const sources = Array.from(
    { length: parts },
    (_, part) => new WorkerSource(startWorker({ mode: 'stream', profile, seed, part, parts, batchSize }), (stats) => options.stats && sumStats(options.stats, stats)),
  );
  try {
    for (const source of sources) for (let i = 0; i < BATCHES_AHEAD; i += 1) source.request();
    yield* mergeInLogOrder(sources, batchSize);
  } finally {
    await Promise.all(sources.map((source) => source.worker.terminate()));
  }
}

export interface SpillOptions {
  /** Partitions of the families: memory is that of one partition per thread. */
  parts: number;
  /** Worker threads that simulate the partitions in the first pass (0: this thread). */
  workers: number;
  stats?: SimulationStats;
  /** During the first pass, per partition: events simulated so far and the recording time of the last one. */
  onSimulated?: (part: number, events: number, recordAt: number) => void;
}

/**
 * A run in two passes (see spill.ts): the partitions simulated into temporary files of rows, on `workers`
 * threads or this one, then their rows merged into log order. The files go when the merge is done.
 */
export async function* simulateSpilled(profile: Profile, seed: number, options: SpillOptions): AsyncGenerator<EventRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'case-generator-'));
  try {
    const parts = Array.from({ length: options.parts }, (_, part) => ({ part, file: join(dir, `part-${part}.rows`) }));
    const stats = options.stats;
    if (options.workers <= 0) {
      for (const { part, file } of parts) {
        const partStats = spillPartition(profile, seed, { part, parts: options.parts }, file, (events, recordAt) =>
          options.onSimulated?.(part, events, recordAt),
        );
        if (stats) addStats(stats, partStats);
      }
    } else {
      // Partitions dealt round-robin to the workers; this thread, whose heap a cap cannot bound, only waits.
      const threads = Math.min(options.workers, options.parts);
      const share = (thread: number) => parts.filter((p) => p.part % threads === thread);
      const outcomes = await Promise.all(
        Array.from({ length: threads }, (_, thread) =>
          spillOnWorker({ mode: 'spill', profile, seed, parts: options.parts, partitions: share(thread) }, options.onSimulated),
        ),
      );
      if (stats) for (const workerStats of outcomes) sumStats(stats, workerStats);
    }
    yield* mergeRowFiles(parts.map((p) => p.file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function spillOnWorker(
  data: Extract<SimulationWorkerData, { mode: 'spill' }>,
  progress: SpillOptions['onSimulated'],
): Promise<SimulationStats> {
  const worker = startWorker(data);
  return new Promise<SimulationStats>((resolvePromise, reject) => {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'progress') progress?.(reply.part, reply.events, reply.recordAt);
      if (reply.kind === 'done') resolvePromise(reply.stats);
      if (reply.kind === 'failed') reject(new Error(`simulation worker failed: ${reply.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`simulation worker exited with code ${code}`)));
  }).finally(() => worker.terminate());
}
