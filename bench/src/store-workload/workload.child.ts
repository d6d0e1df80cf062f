import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbEventStore, type EventStore, SqliteEventStore } from '@app/event-store';
import { currentRssMb, peakRssMb, resetPeakRss } from '../proc/proc-status';
import { serveChildTask } from '../proc/child-runtime';
import { checkTypeCounts, type WorkloadCheck } from './fold';
import { rawInsert, rawRead } from './raw-sqlite';
import { WORKLOAD_EVENT_TYPES, type WorkloadShape } from './shape';
import { type Rate, runW1, runW2, runW3a, runW3b } from './workloads';
import type { LatencySummary } from '../stats/percentiles';

/**
 * One workload on one fresh store, in a process of its own: W1, or W2 followed by W3 on the same store, or the
 * raw SQLite limit. The peak RSS is reset right before each workload, so it is the workload's and not the
 * loader's; the resident size at that moment (node, the TypeScript loader, the client) is reported beside it.
 */

export type StoreAdapter = 'sqlite' | 'esdb';

export type WorkloadTask =
  | { workload: 'W1' | 'W2W3'; adapter: StoreAdapter; shape: WorkloadShape; connectionString?: string }
  | { workload: 'raw'; shape: WorkloadShape };

export interface Memory {
  peakRssMb: number;
  /** RSS when the workload began: what the process held before it (runtime, loader, client). */
  baselineRssMb: number;
}

export type WorkloadResult =
  | { workload: 'W1'; appends: Rate; latencyMs: LatencySummary; memory: Memory; checks: WorkloadCheck[] }
  | { workload: 'W2W3'; w2: Rate; w2Memory: Memory; w3a: Rate; w3b: Rate; w3Memory: Memory; checks: WorkloadCheck[] }
  | { workload: 'raw'; insert: Rate; insertMemory: Memory; read: Rate; readMemory: Memory; checks: WorkloadCheck[] };

/** Resets the peak, runs `work`, and reports the peak it reached. */
async function measured<T>(work: () => Promise<T> | T): Promise<[T, Memory]> {
  if (global.gc) global.gc();
  resetPeakRss();
  const baselineRssMb = currentRssMb() ?? Number.NaN;
  const result = await work();
  return [result, { peakRssMb: peakRssMb() ?? Number.NaN, baselineRssMb }];
}

function openStore(adapter: StoreAdapter, dir: string, connectionString?: string): EventStore {
  if (adapter === 'sqlite') return new SqliteEventStore(join(dir, 'events.sqlite'));
  if (!connectionString) throw new Error('the esdb adapter needs the double\'s connection string');
  return new EsdbEventStore(connectionString);
}

async function run(task: WorkloadTask): Promise<WorkloadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  try {
    if (task.workload === 'raw') {
      const [insert, insertMemory] = await measured(() => rawInsert(dir, task.shape));
      const [read, readMemory] = await measured(() => rawRead(dir));
      const total = task.shape.w2Streams * task.shape.eventsPerStream;
      const checks = [checkTypeCounts('raw: each type occurs 60,000 times (at the note\'s scale)', read.folds.values(), total / WORKLOAD_EVENT_TYPES.length)];
      return { workload: 'raw', insert, insertMemory, read: { count: read.count, seconds: read.seconds, perSecond: read.perSecond }, readMemory, checks };
    }
    const store = openStore(task.adapter, dir, task.connectionString);
    try {
      if (task.workload === 'W1') {
        const [w1, memory] = await measured(() => runW1(store, task.shape));
        return { workload: 'W1', appends: w1.appends, latencyMs: w1.latencyMs, memory, checks: w1.checks };
      }
      const [w2, w2Memory] = await measured(() => runW2(store, task.shape));
      const [[w3a, w3b], w3Memory] = await measured(async () => [await runW3a(store, w2.streams, task.shape), await runW3b(store, task.shape)] as const);
      return { workload: 'W2W3', w2: w2.events, w2Memory, w3a: w3a.events, w3b: w3b.events, w3Memory, checks: [...w3a.checks, ...w3b.checks] };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

serveChildTask(run);
