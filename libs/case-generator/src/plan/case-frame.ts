import type { BusinessDate, Institution, MeasureType } from '@app/domain';
import type { RecordingActor } from '@app/domain/integrity';
import type { Random } from '../random';
import type { CaseDraft } from './case-draft';

/** What every planner of one case knows about it. */
export interface CaseFrame {
  random: Random;
  draft: CaseDraft;
  measureType: MeasureType;
  institution: Institution;
  municipalityCode: string;
  pronouncedOn: BusinessDate;
  giNotifiedOn: BusinessDate;
  /** The child's age at the pronouncement. */
  age: number;
  /** The last day a step can happen: the end of the measure, or the horizon when it runs on. */
  lastDay: BusinessDate;
  /** The measure ends on lastDay (rather than running past the horizon). */
  endsOnLastDay: boolean;
  scale: number;
}

/** A youth protector as the recorder of a step. */
export const protectorActor = (institution: Institution, protectorRef: string): RecordingActor => ({
  sub: protectorRef,
  role: 'protector',
  institution,
});

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A pseudonymous reference of letters only: digits could, once in a while, look like a BSN to the decider. */
export const letterRef = (random: Random, prefix: string, length = 10): string => {
  const letters = new Array<string>(length);
  for (let i = 0; i < length; i += 1) letters[i] = LETTERS[random.int(0, 25)];
  // One flat string (joined), not a chain of ten concatenations: refs live as long as their case.
  return [prefix, ...letters].join('');
};
