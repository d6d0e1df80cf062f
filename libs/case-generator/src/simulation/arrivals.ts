import { type BusinessDate, isBefore, MEASURE_TYPES } from '@app/domain';
import { plusDays, weekday } from '../plan/days';
import { Random, STREAM } from '../random';
import type { Profile } from '../profiles';
import type { CaseScript } from '../plan/plan-case';
import { planFamily } from '../plan/plan-family';
import { MEAN_CHILDREN_PER_FAMILY, RULING_DAYS_PER_YEAR, YEARLY_ARRIVALS } from '../sources/volumes';

/** The first day of the stock period: measures pronounced from here on may still run in the window. */
export const stockStart = (profile: Profile): BusinessDate =>
  `${Number(profile.windowStart.slice(0, 4)) - profile.stockYears}${profile.windowStart.slice(4)}`;

/**
 * One of `parts` disjoint shares of a run's families (family index modulo parts): each can be simulated on its
 * own thread, and merged by (recording time, case key) they give exactly the log of the whole run.
 */
export interface Partition {
  part: number;
  parts: number;
}

export const WHOLE_RUN: Partition = { part: 0, parts: 1 };

export interface PlannedDay {
  day: BusinessDate;
  /** The cases of the families that came before the court that day and belong in the log. */
  cases: CaseScript[];
}

/**
 * Day by day from the start of the stock period to the horizon, the families that came before the court
 * (Poisson counts on working days, at the yearly rates of seed 000 times the profile's scale) and their cases.
 * A case belongs in the log when it still runs on the window's first day and something of it is recorded by the
 * horizon. Every day is yielded, also days without cases, so a caller can keep its clock with the days.
 */
export function* plannedDays(
  profile: Profile,
  seed: number,
  partition: Partition = WHOLE_RUN,
  /** Asked each day: once it says no, no more families are planned (the days still come, empty). */
  wantsMore: () => boolean = () => true,
): Generator<PlannedDay> {
  const arrivals = Random.stream(seed, STREAM.arrivals);
  const dailyRates = MEASURE_TYPES.map((measureType) => {
    const children = YEARLY_ARRIVALS[measureType] * profile.scale;
    const perFamily = measureType === 'JEUGDRECLASSERING' ? 1 : MEAN_CHILDREN_PER_FAMILY;
    return { measureType, rate: children / perFamily / RULING_DAYS_PER_YEAR };
  });
  let index = 0;
  for (let day = stockStart(profile); !isBefore(profile.horizon, day); day = plusDays(day, 1)) {
    const cases: CaseScript[] = [];
    if (weekday(day) <= 5 && wantsMore()) {
      for (const { measureType, rate } of dailyRates) {
        for (let n = arrivals.poisson(rate); n > 0; n -= 1) {
          const family = { index: index++, measureType, pronouncedOn: day };
          if (family.index % partition.parts !== partition.part) continue;
          for (const plan of planFamily(seed, family, profile)) {
            if (plan.upcoming !== undefined && !isBefore(plan.endsOn, profile.windowStart)) cases.push(plan);
          }
        }
      }
    }
    yield { day, cases };
  }
}
