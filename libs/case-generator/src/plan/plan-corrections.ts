import { addCalendarMonthsClamped, type CaseCommand, type CaseStepData, municipalitiesOn, type PlanParticipant } from '@app/domain';
import { plusDays } from './days';
import { pickProvider } from '../sources/care';
import { pickProtector } from '../sources/staff';
import { CORRECTION_REASONS, RETRACTION_REASONS } from '../sources/texts';
import type { PlannedStep } from './case-draft';
import { type CaseFrame, letterRef } from './case-frame';

/**
 * Mistakes and how they are put right: a wrong entry is corrected by a new event with the right data, or a
 * double registration retracted; the original stays in the log (BRIEF). The planners above planned what
 * happened; here a few steps are recorded wrongly first - the original gets the wrong data, a correction some
 * days or weeks later the right data - and a few are recorded twice and the copy withdrawn. Rates are
 * assumptions: a few percent of entries.
 */
const CORRECTION_DELAY_DAYS: readonly [number, number] = [2, 45];

type Mistake = { wrong: CaseStepData; reason: string };

const mistakeIn = (frame: CaseFrame, command: CaseCommand): Mistake | undefined => {
  const { random } = frame;
  switch (command.type) {
    case 'ImposeMeasure': {
      const data = command.data;
      if (random.chance(0.02)) return { wrong: { ...data, childRef: letterRef(random, 'child-') }, reason: CORRECTION_REASONS.childRef };
      if (!random.chance(0.03)) return undefined;
      const others = municipalitiesOn(data.pronouncedOn).filter((m) => m.code !== data.municipalityCode);
      return { wrong: { ...data, municipalityCode: random.pick(others).code }, reason: CORRECTION_REASONS.municipality };
    }
    case 'AssignGuardian': {
      if (!random.chance(0.02)) return undefined;
      const other = pickProtector(random, frame.institution, 'area', command.data.assignedOn, frame.scale);
      if (other.ref === command.data.protectorRef) return undefined;
      return { wrong: { ...command.data, protectorRef: other.ref }, reason: CORRECTION_REASONS.protector };
    }
    case 'StartHelp': {
      if (command.data.bridging || !random.chance(0.025)) return undefined;
      return random.chance(0.5)
        ? { wrong: { ...command.data, provider: pickProvider(random, command.data.helpType, frame.municipalityCode, frame.scale) }, reason: CORRECTION_REASONS.provider }
        : { wrong: { ...command.data, startedOn: addCalendarMonthsClamped(command.data.startedOn, -1) }, reason: CORRECTION_REASONS.helpDate };
    }
    case 'AgreePlan': {
      const participants = command.data.participants;
      if (!participants.includes('PARENTS') || !random.chance(0.02)) return undefined;
      const without = participants.filter((p) => p !== 'PARENTS');
      const wrong: PlanParticipant[] = without.length > 0 ? without : ['LOCAL_TEAM'];
      return { wrong: { ...command.data, participants: wrong }, reason: CORRECTION_REASONS.participants };
    }
    default:
      return undefined;
  }
};

const DUPLICATED = new Set<CaseCommand['type']>(['AgreePlan', 'StartHelp', 'ExplainDeadline']);

/**
 * The corrections planner works as the case is played out: each step, as it is emitted, may turn out to be
 * recorded wrongly (corrected some days or weeks later) or twice (the copy retracted).
 */
export const correctionsOf =
  (frame: CaseFrame) =>
  (step: PlannedStep): void => {
    const { random, draft } = frame;
    // Corrections, retractions and copies are not themselves mistaken again.
    if (step.copy || step.command.type === 'CorrectEntry' || step.command.type === 'RetractEntry') return;
    const delay = () => random.int(...CORRECTION_DELAY_DAYS);
    const mistake = mistakeIn(frame, step.command);
    if (mistake) {
      const right = step.command.data as CaseStepData;
      step.command = { ...step.command, data: mistake.wrong } as CaseCommand;
      draft.add(
        plusDays(step.at, delay()),
        { type: 'CorrectEntry', data: { correctsEventId: '', reason: mistake.reason, data: right } },
        { about: step, afterEnd: true },
      );
    } else if (DUPLICATED.has(step.command.type) && random.chance(0.01)) {
      const copy = draft.add(step.at, { ...step.command } as CaseCommand, { actor: step.placed?.actor, lagDays: step.lagDays });
      if (copy) {
        copy.copy = true;
        draft.add(plusDays(step.at, delay()), { type: 'RetractEntry', data: { retractsEventId: '', reason: RETRACTION_REASONS.duplicate } }, { about: copy, afterEnd: true });
      }
    }
  };
