import type { CaseEvent, CaseStepEvent } from './case-events';
import type { CaseCommand, DecisionContext } from './case-commands';
import type { CaseState } from './case-state';
import { accept, refuse, type Decision } from './domain-error';
import { checkStep } from './rules/check-step';
import { checkNoBsnInText } from './rules/privacy-rules';
import { decideCorrection, decideRetraction } from './decide-correction';
import { assertNever } from '../shared/assert-never';

/** A step command records exactly one event of the matching type, once the step passes its rules. */
const decideStep = (step: CaseStepEvent, state: CaseState, { today }: DecisionContext): Decision<CaseEvent> => {
  const error = checkStep(step, state, today);
  return error ? refuse(error) : accept<CaseEvent>(step);
};

/**
 * The case decider: pure, no clock (today arrives in the context), no I/O. The shell folds the stream with
 * evolve, calls decide, and appends the events with the stream revision it read.
 */
export const decide = (command: CaseCommand, state: CaseState, context: DecisionContext): Decision<CaseEvent> => {
  const personalData = checkNoBsnInText(command);
  if (personalData) return refuse(personalData);
  switch (command.type) {
    case 'ImposeMeasure':
      return decideStep({ type: 'MeasureImposed', data: command.data }, state, context);
    case 'AssignGuardian':
      return decideStep({ type: 'GuardianAssigned', data: command.data }, state, context);
    case 'AgreePlan':
      return decideStep({ type: 'PlanAgreed', data: command.data }, state, context);
    case 'StartHelp':
      return decideStep({ type: 'HelpStarted', data: command.data }, state, context);
    case 'PlaceOnWaitlist':
      return decideStep({ type: 'Waitlisted', data: command.data }, state, context);
    case 'LeaveWaitlist':
      return decideStep({ type: 'WaitlistLeft', data: command.data }, state, context);
    case 'ExplainDeadline':
      return decideStep({ type: 'DeadlineExplained', data: command.data }, state, context);
    case 'AdvanceDeadline':
      return decideStep({ type: 'DeadlineAdvanced', data: command.data }, state, context);
    case 'ExtendMeasure':
      return decideStep({ type: 'MeasureExtended', data: command.data }, state, context);
    case 'EndMeasure':
      return decideStep({ type: 'MeasureEnded', data: command.data }, state, context);
    case 'CorrectEntry':
      return decideCorrection(command.data, state, context);
    case 'RetractEntry':
      return decideRetraction(command.data, state);
    default:
      return assertNever(command, 'case command');
  }
};
