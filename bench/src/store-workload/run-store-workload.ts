import { progress } from '../report/progress';
import type { ChildRuntime } from '../proc/child-runtime';
import { startDoubleProcess } from './esdb-double-process';
import type { WorkloadCheck } from './fold';
import type { WorkloadShape } from './shape';
import type { StoreAdapter, WorkloadResult, WorkloadTask } from './workload.child';

/**
 * Runs W1-W3 `shape.runs` times on each adapter and the raw SQLite limit beside them, every workload in a child
 * process on a fresh store (for EventStoreDB: a fresh double process per workload). Runs interleave the adapters
 * (run 1 of each, then run 2 ...) so that a slow patch of the machine does not land on one adapter only.
 */

const CHILD = 'bench/src/store-workload/workload.child.ts';
const CHILD_TIMEOUT_MS = 15 * 60_000;

type Of<K extends WorkloadResult['workload']> = Extract<WorkloadResult, { workload: K }>;

export interface AdapterRun {
  w1: Of<'W1'>;
  w2w3: Of<'W2W3'>;
  /** Peak RSS of the double's process during W1 and during W2+W3 (EventStoreDB only). */
  doublePeakRssMb?: { w1?: number; w2w3?: number };
}

export interface StoreRun {
  run: number;
  raw: Of<'raw'>;
  adapters: Record<StoreAdapter, AdapterRun>;
}

export interface RunCheck extends WorkloadCheck {
  adapter: StoreAdapter | 'raw';
  run: number;
}

export interface StoreWorkloadOutcome {
  runs: StoreRun[];
  checks: RunCheck[];
  passed: boolean;
  /** Workloads whose process (or double) was ended from outside the bench, and were run again once. */
  interruptions: string[];
}

/**
 * On a shared machine something else may end a workload's process (a SIGTERM the bench never sends: it only
 * kills with SIGKILL at its own timeout). Such a run measured nothing, so it runs once more on a fresh store,
 * and the JSON says so; a second interruption, or any other failure, fails the bench.
 */
const ENDED_FROM_OUTSIDE = /exited \((SIGTERM|SIGINT|SIGHUP)\)|esdb double killed by/;

async function onceMoreIfInterrupted<T>(what: string, interruptions: string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    if (!ENDED_FROM_OUTSIDE.test(reason)) throw error;
    interruptions.push(`${what}: ${reason}; run again on a fresh store`);
    progress('store', `${what} was ended from outside the bench (${reason}); running it again`);
    return work();
  }
}

const ADAPTERS: readonly StoreAdapter[] = ['sqlite', 'esdb'];

async function workload<K extends WorkloadResult['workload']>(runtime: ChildRuntime, task: WorkloadTask & { workload: K }): Promise<Of<K>> {
  return runtime.run<WorkloadTask, Of<K>>(CHILD, task, { timeoutMs: CHILD_TIMEOUT_MS }).result;
}

/** Runs one workload against a fresh double, which is stopped (its peak RSS read first) whatever happens. */
async function onFreshDouble<K extends 'W1' | 'W2W3'>(runtime: ChildRuntime, kind: K, shape: WorkloadShape): Promise<[Of<K>, number | undefined]> {
  const double = await startDoubleProcess(runtime);
  const task = { workload: kind, adapter: 'esdb', shape, connectionString: double.connectionString } as WorkloadTask & { workload: K };
  const outcome = await workload(runtime, task).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  const died = double.died();
  const { peakRssMb } = await double.stop();
  if ('error' in outcome) {
    if (died) throw new Error(`the esdb double ${died} during ${kind}: ${(outcome.error as Error).message}`);
    throw outcome.error;
  }
  return [outcome.result, peakRssMb];
}

async function runAdapter(runtime: ChildRuntime, adapter: StoreAdapter, shape: WorkloadShape): Promise<AdapterRun> {
  if (adapter === 'sqlite') {
    return { w1: await workload(runtime, { workload: 'W1', adapter, shape }), w2w3: await workload(runtime, { workload: 'W2W3', adapter, shape }) };
  }
  const [w1, w1Peak] = await onFreshDouble(runtime, 'W1', shape);
  const [w2w3, w2w3Peak] = await onFreshDouble(runtime, 'W2W3', shape);
  return { w1, w2w3, doublePeakRssMb: { w1: w1Peak, w2w3: w2w3Peak } };
}

export async function runStoreWorkload(runtime: ChildRuntime, shape: WorkloadShape): Promise<StoreWorkloadOutcome> {
  const runs: StoreRun[] = [];
  const interruptions: string[] = [];
  for (let run = 1; run <= shape.runs; run += 1) {
    progress('store', `run ${run}/${shape.runs}: raw SQLite insert and read`);
    const raw = await onceMoreIfInterrupted(`run ${run} raw`, interruptions, () => workload(runtime, { workload: 'raw', shape }));
    const adapters = {} as Record<StoreAdapter, AdapterRun>;
    for (const adapter of ADAPTERS) {
      progress('store', `run ${run}/${shape.runs}: ${adapter} W1, then W2+W3`);
      adapters[adapter] = await onceMoreIfInterrupted(`run ${run} ${adapter}`, interruptions, () => runAdapter(runtime, adapter, shape));
      const { w1, w2w3 } = adapters[adapter];
      progress('store', `  ${adapter}: W1 ${Math.round(w1.appends.perSecond)} appends/s, W2 ${Math.round(w2w3.w2.perSecond)} events/s, W3a ${Math.round(w2w3.w3a.perSecond)}, W3b ${Math.round(w2w3.w3b.perSecond)} events/s`);
    }
    runs.push({ run, raw, adapters });
  }
  const checks: RunCheck[] = runs.flatMap(({ run, raw, adapters }) => [
    ...raw.checks.map((c) => ({ ...c, adapter: 'raw' as const, run })),
    ...ADAPTERS.flatMap((adapter) =>
      [...adapters[adapter].w1.checks, ...adapters[adapter].w2w3.checks].map((c) => ({ ...c, adapter, run })),
    ),
  ]);
  return { runs, checks, passed: checks.every((c) => c.passed), interruptions };
}
