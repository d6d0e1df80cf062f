import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MixFailure } from '../http/command-mix';
import type { RequestTally } from '../http/request-log';
import type { RunCheck } from '../store-workload/run-store-workload';
import type { WorkloadShape } from '../store-workload/shape';
import type { Figure, Part } from './figures';

/** The JSON a bench run leaves under bench/results: every figure with its method, and what qualifies them. */
export interface BenchResult {
  schema: 1;
  /** False when a check failed, most answers of a run were not 2xx, or a part could not run. */
  ok: boolean;
  profile: string;
  seed: number;
  smoke: boolean;
  parts: Part[];
  startedAt: string;
  finishedAt: string;
  wallSeconds: number;
  /** Wall time of each phase, to plan durations by. */
  phaseSeconds: Record<string, number>;
  machine: Machine;
  data?: Record<string, unknown>;
  figures: Figure[];
  /** Every HTTP run's answers by status: non-2xx answers are counted here and kept out of the figures. */
  requests: RequestTally[];
  /** Commands the service refused, by route and status, with a sample answer. */
  commandFailures: MixFailure[];
  storeWorkload?: {
    shape: WorkloadShape;
    passed: boolean;
    checks: RunCheck[];
    /** Workloads ended from outside the bench and run again once. */
    interruptions: string[];
  };
  skipped: Array<{ what: string; reason: string }>;
  problems: string[];
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average at start and end: other work on the machine skews every figure. */
  loadAverage: { start: number; end?: number };
}

export const describeMachine = (): Machine => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverage: { start: loadavg()[0] },
});

export const endLoadAverage = (): number => loadavg()[0];

/** Writes <profile>[-smoke]-<timestamp>.json and latest-<profile>[-smoke].json, each through a .tmp file. */
export function writeBenchResult(outDir: string, result: BenchResult): string[] {
  mkdirSync(outDir, { recursive: true });
  const suffix = result.smoke ? '-smoke' : '';
  const stamp = result.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const json = `${JSON.stringify(result, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
  return [`${result.profile}${suffix}-${stamp}.json`, `latest-${result.profile}${suffix}.json`].map((name) => {
    const file = join(outDir, name);
    writeFileSync(`${file}.tmp`, json);
    renameSync(`${file}.tmp`, file);
    return file;
  });
}
