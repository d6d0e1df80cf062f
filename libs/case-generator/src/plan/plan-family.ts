import { type BusinessDate, findMunicipality, isAfter, isBefore, type MeasureType, municipalityValidOn } from '@app/domain';
import { Random, STREAM } from '../random';
import type { Profile } from '../profiles';
import { INSTITUTION_SHARES } from '../sources/institutions';
import { municipalityWeightsOn } from '../sources/municipalities';
import { CHILDREN_PER_FAMILY } from '../sources/volumes';
import { letterRef } from './case-frame';
import { type CaseScript, planCase } from './plan-case';
import { drawAge, drawComingOfAge, planTerm } from './plan-term';

/** Room in the case keys for each family's cases (children times measures: a handful in practice). */
const CASES_PER_FAMILY = 64;

/** A family that comes before the court: the children of one arrival share the family ref and the measure. */
export interface FamilyArrival {
  /** Arrival number in the run: the key of the family's random stream. */
  index: number;
  measureType: MeasureType;
  pronouncedOn: BusinessDate;
}

/** The municipality a measure pronounced on `date` names: the same, or its successor after a merger. */
const municipalityOn = (code: string, date: BusinessDate): string => {
  let current = code;
  while (!municipalityValidOn(current, date)) {
    const next = findMunicipality(current)?.succeededBy;
    if (!next) break;
    current = next;
  }
  return current;
};

/**
 * Every case of a family's history: each child's first measure and the ones that follow it (a regular OTS after
 * a provisional one, a guardianship after a provisional one or after an OTS), pronounced the day the previous
 * one ends - as far as the horizon. The family's stream draws who they are and the terms; each case its own.
 */
export const planFamily = (seed: number, arrival: FamilyArrival, profile: Profile): CaseScript[] => {
  const random = Random.stream(seed, STREAM.child, arrival.index);
  const familyRef = letterRef(random, 'fam-');
  const municipality = random.weighted(municipalityWeightsOn(arrival.pronouncedOn));
  const institution = random.weighted(INSTITUTION_SHARES[arrival.measureType]);
  const children = arrival.measureType === 'JEUGDRECLASSERING' ? 1 : random.weighted(CHILDREN_PER_FAMILY);
  const plans: CaseScript[] = [];
  let ordinal = 0;
  for (let child = 0; child < children; child += 1) {
    const childRef = letterRef(random, 'child-');
    const age = drawAge(random, arrival.measureType);
    const comesOfAgeOn = drawComingOfAge(random, arrival.pronouncedOn, age);
    let measureType: MeasureType | undefined = arrival.measureType;
    let pronouncedOn = arrival.pronouncedOn;
    while (measureType !== undefined && !isAfter(pronouncedOn, profile.horizon) && isBefore(pronouncedOn, comesOfAgeOn)) {
      const term = planTerm(random, measureType, pronouncedOn, comesOfAgeOn);
      // A measure that ended before the window is not in the log: only its term matters (for what follows).
      if (isBefore(term.end.endedOn, profile.windowStart)) {
        ordinal += 1;
        measureType = term.followUp;
        pronouncedOn = term.end.endedOn;
        continue;
      }
      const ageNow = Math.max(0, 18 - Math.ceil((Date.parse(comesOfAgeOn) - Date.parse(pronouncedOn)) / (365.25 * 86_400_000)));
      // Each case plays out on its own random stream: how far another case has got never changes its draws.
      const key = arrival.index * CASES_PER_FAMILY + ordinal++;
      plans.push(
        planCase(
          Random.stream(seed, STREAM.case, key),
          key,
          {
            measureType,
            institution,
            municipalityCode: municipalityOn(municipality, pronouncedOn),
            childRef,
            familyRef,
            pronouncedOn,
            age: ageNow,
            term,
          },
          profile,
        ),
      );
      measureType = term.followUp;
      pronouncedOn = term.end.endedOn;
    }
  }
  return plans;
};
