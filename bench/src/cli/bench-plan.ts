import type { CommandsPlan } from '../http/commands-bench';
import { NOTE_SHAPE, SMOKE_SHAPE, type WorkloadShape } from '../store-workload/shape';

/**
 * How long each part measures. The full plan keeps rijnmond-year's HTTP parts, generation and rebuilds within
 * about two minutes; the store workload's size is fixed by the note. --smoke shortens everything for CI: its
 * figures prove the bench works, they are not measurements to compare.
 */
export interface BenchPlan {
  /** `npm run generate -- --limit`: only the first cases of the profile's run. */
  generateLimit?: number;
  commands: CommandsPlan;
  kpiSecondsPerEndpoint: number;
  historySecondsPerKind: number;
  store: WorkloadShape;
}

export const FULL_PLAN: BenchPlan = {
  commands: { warmupSeconds: 2, secondsPerLevel: 10 },
  kpiSecondsPerEndpoint: 3,
  historySecondsPerKind: 4,
  store: NOTE_SHAPE,
};

export const SMOKE_PLAN: BenchPlan = {
  generateLimit: 1_000,
  commands: { warmupSeconds: 1, secondsPerLevel: 2 },
  kpiSecondsPerEndpoint: 1,
  historySecondsPerKind: 1,
  store: SMOKE_SHAPE,
};
