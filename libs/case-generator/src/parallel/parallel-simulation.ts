import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Profile } from '../profiles';
import type { SimulationStats } from '../simulation/simulate';
import { type EventRow, rowBefore, unpackRows } from '../sinks/event-rows';
import type { SimulationWorkerData, WorkerReply } from './simulation-worker';

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

// Under ts-node (the npm scripts, jest) a worker must register the TypeScript hooks itself before loading its entry.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.typescript) {
  process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || workerData.typescript;
  require('ts-node').register({ transpileOnly: true, project: workerData.typescript });
  require('tsconfig-paths/register');
}
require(workerData.entry);
`;

const startWorker = (data: SimulationWorkerData): Worker => {
  const typescript = extname(__filename) === '.ts';
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: {
      ...data,
      entry: join(__dirname, `simulation-worker${extname(__filename)}`),
      typescript: typescript ? resolve(__dirname, '../../../../tsconfig.json') : undefined,
    },
  });
};

/** Batches asked for ahead of need: the worker goes on simulating while this thread merges and writes. */
const BATCHES_AHEAD = 3;

/** One worker's rows, a few batches ahead: each batch that arrives is replaced by a new request at once. */
class WorkerSource {
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
    this.rows = unpackRows(reply.packed);
    this.index = 0;
    this.request();
  }
}

const addStats = (into: SimulationStats, from: SimulationStats): void => {
  into.cases += from.cases;
  into.stockCases += from.stockCases;
  into.events += from.events;
  into.peakRunning += from.peakRunning;
  for (const [code, n] of Object.entries(from.refused)) into.refused[code] = (into.refused[code] ?? 0) + n;
};

/** The run's rows in log order, in chunks. */
export async function* simulateInParallel(profile: Profile, seed: number, options: ParallelOptions): AsyncGenerator<EventRow[]> {
  const parts = Math.max(1, Math.floor(options.workers));
  const batchSize = options.batchSize ?? 4000;
  const sources = Array.from(
    { length: parts },
    (_, part) => new WorkerSource(startWorker({ profile, seed, part, parts, batchSize }), (stats) => options.stats && addStats(options.stats, stats)),
  );
  try {
    for (const source of sources) for (let i = 0; i < BATCHES_AHEAD; i += 1) source.request();
    for (;;) {
      for (const source of sources) if (source.empty && !source.done) await source.fill();
      const out: EventRow[] = [];
      // Merge until a source that may still have rows runs dry: it must be refilled before the next comparison.
      merging: for (;;) {
        let best: WorkerSource | undefined;
        for (const source of sources) {
          if (source.empty) {
            if (!source.done) break merging;
          } else if (!best || rowBefore(source.rows[source.index], best.rows[best.index])) {
            best = source;
          }
        }
        if (!best) break;
        out.push(best.rows[best.index++]);
      }
      if (out.length > 0) yield out;
      else if (sources.every((source) => source.done)) return;
    }
  } finally {
    await Promise.all(sources.map((source) => source.worker.terminate()));
  }
}
