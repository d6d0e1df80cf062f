import { parentPort, workerData } from 'node:worker_threads';
import type { Profile } from '../profiles';
import { emptyStats, simulate, type SimulationStats } from '../simulation/simulate';
import { packRows, toRow } from '../sinks/event-rows';
import { spillPartition } from './spill';

/**
 * A worker thread's share of a run. Streaming: the families of one partition, simulated in log order and handed
 * to the writing thread a batch per 'pull', so the writer's memory stays bounded. Spilling: whole partitions,
 * one after the other, each into its file of rows (see spill.ts).
 */
export type SimulationWorkerData =
  | { mode: 'stream'; profile: Profile; seed: number; part: number; parts: number; batchSize: number }
  | { mode: 'spill'; profile: Profile; seed: number; partitions: { part: number; file: string }[]; parts: number };

export type WorkerReply =
  | { kind: 'rows'; packed: string }
  | { kind: 'progress'; part: number; events: number; recordAt: number }
  | { kind: 'done'; stats: SimulationStats }
  | { kind: 'failed'; message: string };

const addStats = (into: SimulationStats, from: SimulationStats): void => {
  into.cases += from.cases;
  into.stockCases += from.stockCases;
  into.events += from.events;
  into.peakRunning = Math.max(into.peakRunning, from.peakRunning);
  for (const [code, n] of Object.entries(from.refused)) into.refused[code] = (into.refused[code] ?? 0) + n;
};

function stream(port: NonNullable<typeof parentPort>, data: Extract<SimulationWorkerData, { mode: 'stream' }>): void {
  const stats = emptyStats();
  const events = simulate(data.profile, data.seed, { partition: { part: data.part, parts: data.parts }, stats });
  port.on('message', () => {
    try {
      const rows = [];
      while (rows.length < data.batchSize) {
        const next = events.next();
        if (next.done) break;
        rows.push(toRow(next.value));
      }
      const reply: WorkerReply = rows.length > 0 ? { kind: 'rows', packed: packRows(rows) } : { kind: 'done', stats };
      port.postMessage(reply);
    } catch (error) {
      port.postMessage({ kind: 'failed', message: (error as Error).stack ?? String(error) } satisfies WorkerReply);
    }
  });
}

function spill(port: NonNullable<typeof parentPort>, data: Extract<SimulationWorkerData, { mode: 'spill' }>): void {
  const stats = emptyStats();
  try {
    for (const { part, file } of data.partitions) {
      const partStats = spillPartition(data.profile, data.seed, { part, parts: data.parts }, file, (events, recordAt) => {
        port.postMessage({ kind: 'progress', part, events, recordAt } satisfies WorkerReply);
      });
      addStats(stats, partStats);
    }
    port.postMessage({ kind: 'done', stats } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ kind: 'failed', message: (error as Error).stack ?? String(error) } satisfies WorkerReply);
  }
}

if (parentPort) {
  const data = workerData as SimulationWorkerData;
  if (data.mode === 'spill') spill(parentPort, data);
  else stream(parentPort, data);
}

export { addStats };
