import type { Profile } from '../profiles';
import { type Partition, plannedDays, WHOLE_RUN } from './arrivals';

export interface PlannedSize {
  cases: number;
  events: number;
}

/**
 * The size of a run without running it: every case planned and played to its end, but nothing decided,
 * sealed or written - about a tenth of the work. It equals what a run generates as long as the decider refuses
 * nothing (which a run reports). A partition gives the size of a share of the families: the families are drawn
 * independently, so a share of 1/k, times k, estimates the whole.
 */
export function plannedSize(
  profile: Profile,
  seed: number,
  partition: Partition = WHOLE_RUN,
  maxCases = Number.POSITIVE_INFINITY,
): PlannedSize {
  const size = { cases: 0, events: 0 };
  for (const { cases } of plannedDays(profile, seed, partition, () => size.cases < maxCases)) {
    for (const script of cases) {
      if (size.cases >= maxCases) break;
      size.cases += 1;
      while (script.take() !== undefined) size.events += 1;
    }
  }
  return size;
}
