import type { BusinessDate, CaseStepEvent } from '../case-events';
import type { CaseState } from '../case-state';
import { ruleError } from '../domain-rules';
import { assertNever } from '../../shared/assert-never';
import type { Check } from './checks';
import { checkMeasureEnded, checkMeasureExtended, checkMeasureImposed } from './measure-rules';
import {
  checkDeadlineAdvanced,
  checkDeadlineExplained,
  checkGuardianAssigned,
  checkHelpStarted,
  checkPlanAgreed,
} from './course-rules';
import { checkWaitlisted, checkWaitlistLeft } from './waitlist-rules';

/**
 * Every rule a step must satisfy against the case as it was before the step. Used for new steps and, with the
 * state before the corrected entry, for corrections: a corrected entry must pass the rules the original did.
 */
export const checkStep = (step: CaseStepEvent, state: CaseState, today: BusinessDate): Check => {
  if (step.type === 'MeasureImposed') {
    return state.exists
      ? ruleError('CASE.ALREADY_EXISTS', `Case ${state.caseId} already exists.`, 'caseId')
      : checkMeasureImposed(step.data, today);
  }
  if (!state.exists) return ruleError('CASE.NOT_FOUND', 'The case does not exist.');
  if (state.ended) return ruleError('CASE.ENDED', `The measure ended on ${state.endedOn}.`);
  switch (step.type) {
    case 'GuardianAssigned':
      return checkGuardianAssigned(step.data, state, today);
    case 'PlanAgreed':
      return checkPlanAgreed(step.data, state, today);
    case 'HelpStarted':
      return checkHelpStarted(step.data, state, today);
    case 'Waitlisted':
      return checkWaitlisted(step.data, state, today);
    case 'WaitlistLeft':
      return checkWaitlistLeft(step.data, state, today);
    case 'DeadlineExplained':
      return checkDeadlineExplained(step.data, state, today);
    case 'DeadlineAdvanced':
      return checkDeadlineAdvanced(step.data, state);
    case 'MeasureExtended':
      return checkMeasureExtended(step.data, state, today);
    case 'MeasureEnded':
      return checkMeasureEnded(step.data, state, today);
    default:
      return assertNever(step, 'case step');
  }
};
