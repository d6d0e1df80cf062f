import { addCalendarMonthsClamped, type BusinessDate, isBefore, isOnOrBefore, type MeasureEndReason, type MeasureType } from '@app/domain';
import { plusDays, daysFrom } from './days';
import type { Random } from '../random';
import {
  OTS_ENDED_BY_AUTHORITY_ENDING,
  PROVISIONAL_GUARDIANSHIP_FOLLOWED,
  PROVISIONAL_OTS_FOLLOWED_BY_OTS,
} from '../sources/volumes';

/**
 * How long a measure runs and how it ends (seed 001, appendix 4, for the end reasons; BRIEF for the terms: an
 * OTS is pronounced for at most a year and extended a year at a time, a provisional OTS lasts at most three
 * months). The rates are assumptions chosen so that stock over inflow matches seed 000: about 2.6 years for an
 * OTS (1,250 / 480), 1.6 for probation, 5 for guardianship.
 */
export interface TermPlan {
  endsOn?: BusinessDate;
  extensions: { extendedOn: BusinessDate; newEndsOn: BusinessDate }[];
  end: { endedOn: BusinessDate; reason: MeasureEndReason };
  /** The measure that follows for the same child, pronounced the day this one ends. */
  followUp?: MeasureType;
}

const between = (random: Random, from: BusinessDate, to: BusinessDate): BusinessDate =>
  plusDays(from, random.int(0, Math.max(0, daysFrom(from, to))));

/** A child's age at the pronouncement: probation from 12, child protection over all ages (assumptions). */
export const drawAge = (random: Random, measureType: MeasureType): number =>
  measureType === 'JEUGDRECLASSERING'
    ? random.weighted([[12, 4], [13, 8], [14, 15], [15, 22], [16, 26], [17, 25]])
    : random.weighted([[0, 1.3], [1, 1.2], [2, 1.2], [3, 1.1], [4, 1], [5, 1], [6, 1], [7, 1], [8, 1], [9, 1], [10, 1], [11, 1], [12, 0.95], [13, 0.9], [14, 0.9], [15, 0.8], [16, 0.6], [17, 0.35]]);

/** The 18th birthday, somewhere in the year after the child turns `age` + 1 less than 18. */
export const drawComingOfAge = (random: Random, pronouncedOn: BusinessDate, age: number): BusinessDate =>
  plusDays(pronouncedOn, Math.max(30, Math.round((18 - age) * 365.25) - random.int(0, 364)));

const endAt = (endedOn: BusinessDate, reason: MeasureEndReason, followUp?: MeasureType): Pick<TermPlan, 'end' | 'followUp'> => ({
  end: { endedOn, reason },
  ...(followUp ? { followUp } : {}),
});

const planOts = (random: Random, pronouncedOn: BusinessDate, comesOfAgeOn: BusinessDate): TermPlan => {
  const endsOn = addCalendarMonthsClamped(pronouncedOn, 12);
  const extensions: TermPlan['extensions'] = [];
  let termStart = pronouncedOn;
  let termEnd = endsOn;
  for (;;) {
    // By law an OTS ends when the child comes of age.
    const ofAge = isOnOrBefore(comesOfAgeOn, termEnd);
    let ending: Pick<TermPlan, 'end' | 'followUp'> | undefined;
    if (random.chance(0.1)) {
      ending = endAt(between(random, plusDays(termStart, 60), plusDays(termEnd, -15)), 'OTS_LIFTED_EARLY');
    } else if (random.chance(OTS_ENDED_BY_AUTHORITY_ENDING)) {
      ending = endAt(plusDays(termEnd, -random.int(0, 60)), 'AUTHORITY_ENDING_MEASURE', 'VOOGDIJ');
    } else if (ofAge || !random.chance(extensions.length === 0 ? 0.68 : 0.58)) {
      ending = endAt(termEnd, 'OTS_NOT_EXTENDED');
    }
    if (ofAge && (!ending || !isBefore(ending.end.endedOn, comesOfAgeOn))) ending = endAt(comesOfAgeOn, 'CAME_OF_AGE');
    if (ending) return { endsOn, extensions, ...ending };
    const newEndsOn = addCalendarMonthsClamped(termEnd, 12);
    extensions.push({ extendedOn: plusDays(termEnd, -random.int(3, 35)), newEndsOn });
    termStart = termEnd;
    termEnd = newEndsOn;
  }
};

const planProvisionalOts = (random: Random, pronouncedOn: BusinessDate): TermPlan => {
  const endsOn = addCalendarMonthsClamped(pronouncedOn, 3);
  const r = random.next();
  const ending =
    r < PROVISIONAL_OTS_FOLLOWED_BY_OTS
      ? endAt(between(random, plusDays(pronouncedOn, 14), plusDays(endsOn, -3)), 'COURT_DECISION', 'OTS')
      : r < 0.9
        ? endAt(endsOn, 'OTS_NOT_EXTENDED')
        : endAt(between(random, plusDays(pronouncedOn, 14), plusDays(endsOn, -10)), 'OTS_LIFTED_EARLY');
  return { endsOn, extensions: [], ...ending };
};

/** Guardianship runs until the child comes of age, unless foster parents take over or authority is restored. */
const planGuardianship = (random: Random, pronouncedOn: BusinessDate, comesOfAgeOn: BusinessDate): TermPlan => {
  // Capped at 19 years: the child comes of age before that anyway.
  const after = (perYear: number) => plusDays(pronouncedOn, 30 + Math.min(7000, Math.round(random.exponential(365 / perYear))));
  const toFosterParents = after(0.05);
  const restored = after(0.012);
  const ending = [
    endAt(comesOfAgeOn, 'CAME_OF_AGE'),
    endAt(toFosterParents, 'TRANSFERRED_TO_FOSTER_PARENTS'),
    endAt(restored, 'AUTHORITY_RESTORED'),
  ].reduce((first, e) => (isBefore(e.end.endedOn, first.end.endedOn) ? e : first));
  return { extensions: [], ...ending };
};

const planProvisionalGuardianship = (random: Random, pronouncedOn: BusinessDate): TermPlan =>
  random.chance(PROVISIONAL_GUARDIANSHIP_FOLLOWED)
    ? { extensions: [], ...endAt(plusDays(pronouncedOn, random.int(14, 120)), 'COURT_DECISION', 'VOOGDIJ') }
    : { extensions: [], ...endAt(plusDays(pronouncedOn, random.int(14, 180)), 'AUTHORITY_RESTORED') };

/** Youth probation: a term set by the court, sometimes extended; it ends early when it fails or is lifted. */
const planProbation = (random: Random, pronouncedOn: BusinessDate, comesOfAgeOn: BusinessDate): TermPlan => {
  const months = random.weighted([[6, 20], [12, 45], [18, 15], [24, 20]]);
  const endsOn = addCalendarMonthsClamped(pronouncedOn, months);
  const extensions: TermPlan['extensions'] = [];
  let termStart = pronouncedOn;
  let termEnd = endsOn;
  for (;;) {
    if (random.chance(0.28)) {
      const reason = random.weighted<MeasureEndReason>([['RETURNED_TO_PROSECUTOR', 45], ['LIFTED_EARLY', 35], ['COURT_DECISION', 20]]);
      return { endsOn, extensions, ...endAt(between(random, plusDays(termStart, 30), plusDays(termEnd, -10)), reason) };
    }
    if (extensions.length < 2 && random.chance(0.3)) {
      const newEndsOn = addCalendarMonthsClamped(termEnd, random.pick([6, 12]));
      extensions.push({ extendedOn: plusDays(termEnd, -random.int(3, 30)), newEndsOn });
      termStart = termEnd;
      termEnd = newEndsOn;
      continue;
    }
    const adult = isOnOrBefore(comesOfAgeOn, termEnd) && random.chance(0.4);
    return { endsOn, extensions, ...endAt(termEnd, adult ? 'ADULT_PROBATION' : 'TERM_EXPIRED') };
  }
};

export const planTerm = (random: Random, measureType: MeasureType, pronouncedOn: BusinessDate, comesOfAgeOn: BusinessDate): TermPlan => {
  switch (measureType) {
    case 'OTS':
      return planOts(random, pronouncedOn, comesOfAgeOn);
    case 'VOORLOPIGE_OTS':
      return planProvisionalOts(random, pronouncedOn);
    case 'VOOGDIJ':
      return planGuardianship(random, pronouncedOn, comesOfAgeOn);
    case 'VOORLOPIGE_VOOGDIJ':
      return planProvisionalGuardianship(random, pronouncedOn);
    case 'JEUGDRECLASSERING':
      return planProbation(random, pronouncedOn, comesOfAgeOn);
  }
};
