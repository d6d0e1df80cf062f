import type { BusinessDate, PlanParticipant } from '../case/case-events';
import { standardDeadline } from './standard-deadlines';
import { entriesOf, type CaseAsOf } from './case-as-of';
import { deadlineOutcome, effectiveDeadline } from './deadline-verdict';
import { type NormReason, type NormVerdict, type PlanFacts, withFacts } from './norm-verdict';

/**
 * Norm 2, supported (seed 003, ch. 4): the course is set "in consultation with the family"; the BRIEF reads it
 * as: a plan agreed without the child or the parents taking part is not supported, and does not count.
 */
export const SUPPORTING_PARTICIPANTS: readonly PlanParticipant[] = ['CHILD', 'PARENTS'];

export const isSupportedPlan = (participants: readonly PlanParticipant[]): boolean =>
  participants.some((participant) => SUPPORTING_PARTICIPANTS.includes(participant));

/**
 * Norm 2, timely: within 6 weeks (+42 days) of the pronouncement, or an earlier case-specific deadline. The
 * first supported plan is the step; unsupported plans are kept in the facts, and explain a notMet.
 */
export const planVerdict = (c: CaseAsOf, pronouncedOn: BusinessDate): NormVerdict<PlanFacts> => {
  const { deadline, deadlineSource } = effectiveDeadline(
    standardDeadline('PLAN', pronouncedOn),
    c.summary.deadlinesAdvanced.PLAN,
  );
  const plans = entriesOf(c, 'PlanAgreed');
  const supported = plans.find((plan) => isSupportedPlan(plan.data.participants));
  const unsupportedPlanIds = plans.filter((plan) => !isSupportedPlan(plan.data.participants)).map((p) => p.eventId);
  const step = supported && { eventId: supported.eventId, date: supported.data.agreedOn };
  const { state, satisfiedOn, facts } = deadlineOutcome(c, 'PLAN', deadline, step);
  // A plan without the family explains why the norm is not met (yet): it was there, but not supported.
  const reasons: NormReason[] =
    state !== 'met' && unsupportedPlanIds.length > 0 ? [...facts.reasons, 'NOT_SUPPORTED'] : facts.reasons;
  return { state, deadline, satisfiedOn, facts: withFacts(facts, { reasons, deadlineSource, unsupportedPlanIds }) };
};
