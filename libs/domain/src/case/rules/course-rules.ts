import type {
  BusinessDate,
  DeadlineAdvancedData,
  DeadlineExplainedData,
  GuardianAssignedData,
  HelpStartedData,
  PlanAgreedData,
} from '../case-events';
import type { CaseState } from '../case-state';
import { ruleError } from '../domain-rules';
import { isBefore } from '../../dates/business-date';
import { standardDeadline } from '../../norms/standard-deadlines';
import { beforePronouncement, checkStepDate, invalidDate, type Check } from './checks';

/**
 * The norm "timely, fixed protector" counts changes after the first assignment, so the first one must be
 * the initial one and there can be only one initial assignment.
 */
export const checkGuardianAssigned = (d: GuardianAssignedData, state: CaseState, today: BusinessDate): Check =>
  checkStepDate('assignedOn', d.assignedOn, state, today) ??
  (state.assignmentCount === 0 && d.reason !== 'INITIAL'
    ? ruleError('ASSIGNMENT.FIRST_MUST_BE_INITIAL', 'The first assignment of a case must be INITIAL.', 'reason')
    : undefined) ??
  (state.assignmentCount > 0 && d.reason === 'INITIAL'
    ? ruleError('ASSIGNMENT.INITIAL_ALREADY_MADE', 'The case already has its initial assignment.', 'reason')
    : undefined);

/** Whether the course is supported depends on who took part (seed 003): a plan without participants says nothing. */
export const checkPlanAgreed = (d: PlanAgreedData, state: CaseState, today: BusinessDate): Check =>
  checkStepDate('agreedOn', d.agreedOn, state, today) ??
  (!Array.isArray(d.participants) || d.participants.length === 0
    ? ruleError('PLAN.NO_PARTICIPANTS', 'A plan must name at least one participant.', 'participants')
    : undefined);

/** Help already running before the measure counts when it continues (seed 003), so it may predate it. */
export const checkHelpStarted = (d: HelpStartedData, state: CaseState, today: BusinessDate): Check =>
  checkStepDate('startedOn', d.startedOn, state, today, { mayPredateMeasure: true });

export const checkDeadlineExplained = (d: DeadlineExplainedData, state: CaseState, today: BusinessDate): Check =>
  checkStepDate('explainedOn', d.explainedOn, state, today);

/**
 * An earlier, case-specific deadline (seed 003: "or sooner when judged necessary"). It lies in the future by
 * nature, so only its order against the pronouncement and the standard deadline is checked.
 */
export const checkDeadlineAdvanced = (d: DeadlineAdvancedData, state: CaseState): Check => {
  const invalid = invalidDate('deadline', d.deadline) ?? beforePronouncement('deadline', d.deadline, state);
  if (invalid || state.pronouncedOn === undefined) return invalid;
  const standard = standardDeadline(d.norm, state.pronouncedOn);
  return isBefore(d.deadline, standard)
    ? undefined
    : ruleError(
        'DEADLINE.NOT_EARLIER',
        `deadline (${d.deadline}) must be earlier than the standard ${d.norm} deadline (${standard}).`,
        'deadline',
      );
};
