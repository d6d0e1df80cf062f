import { parentPort, workerData } from 'node:worker_threads';
import type { Profile } from '../profiles';
import { emptyStats, simulate } from '../simulation/simulate';
import { packRows, toRow } from '../sinks/event-rows';

/**
 * A worker thread's share of a run: the families of one partition, simulated in log order, handed to the
 * writing thread a batch at a time - one batch per 'pull', so the writer's memory stays bounded.
 */
export interface SimulationWorkerData {
  profile: Profile;
  seed: number;
  part: number;
  parts: number;
  batchSize: number;
}

export type WorkerReply =
  | { kind: 'rows'; packed: string }
  | { kind: 'done'; stats: ReturnType<typeof emptyStats> }
  | { kind: 'failed'; message: string };

if (parentPort) {
  const port = parentPort;
  const { profile, seed, part, parts, batchSize } = workerData as SimulationWorkerData;
  const stats = emptyStats();
  const events = simulate(profile, seed, { partition: { part, parts }, stats });
  port.on('message', () => {
    try {
      const rows = [];
      while (rows.length < batchSize) {
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
