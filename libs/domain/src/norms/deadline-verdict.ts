import type { BusinessDate, ExplainableNorm } from '../case/case-events';
import { isBefore, isOnOrBefore } from './known-dates';
import { entriesOf, type CaseAsOf } from './case-as-of';
import type { NormFacts, NormReason, NormState } from './norm-verdict';

/** The step that satisfies a norm (an assignment, a supported plan, a start of appropriate help). */
export interface NormStep {
  eventId: string;
  date: BusinessDate;
}

export interface DeadlineOutcome {
  state: NormState;
  satisfiedOn: BusinessDate | null;
  facts: NormFacts;
}

/**
 * The BRIEF's verdict table for a norm with a deadline, as of the evaluation date:
 * - met: the step happened on or before the deadline;
 * - notApplicable: the measure ended before the deadline without the step (a step on the end day or earlier
 *   would have been on time, so an ended measure never makes a met norm inapplicable);
 * - pending: the evaluation date is on or before the deadline and the step has not happened yet (and the
 *   measure still runs: one that ended on its deadline day had its whole term, and is judged);
 * - explained: past the deadline without a timely step, and an explanation of this norm was recorded on or
 *   before the evaluation date. An explanation may come before the deadline ("will be missed"), or after it;
 *   while the deadline has not passed it changes nothing (seed 003: "comply or explain" for norms 2 and 3, and
 *   the event model lets the protector norm be explained too);
 * - notMet: otherwise.
 * `step` must be the earliest qualifying step on or before the horizon (case-as-of).
 */
export const deadlineOutcome = (
  c: CaseAsOf,
  norm: ExplainableNorm,
  deadline: BusinessDate,
  step: NormStep | undefined,
): DeadlineOutcome => {
  const explanations = entriesOf(c, 'DeadlineExplained').filter((e) => e.data.norm === norm);
  const { endedOn } = c;
  const facts = (reasons: NormReason[]): NormFacts => ({
    reasons,
    satisfiedBy: step ? [step.eventId] : [],
    explainedOn: explanations[0]?.data.explainedOn ?? null,
    explainedBy: explanations.map((e) => e.eventId),
    endedOn,
  });
  const satisfiedOn = step?.date ?? null;
  if (step && isOnOrBefore(step.date, deadline)) return { state: 'met', satisfiedOn, facts: facts(['ON_TIME']) };
  if (endedOn !== null && isBefore(endedOn, deadline)) {
    return { state: 'notApplicable', satisfiedOn: null, facts: facts(['ENDED_BEFORE_DEADLINE']) };
  }
  if (endedOn === null && isOnOrBefore(c.evaluationDate, deadline)) {
    return { state: 'pending', satisfiedOn, facts: facts([]) };
  }
  const missed: NormReason = step ? 'LATE' : 'MISSING';
  return { state: explanations.length > 0 ? 'explained' : 'notMet', satisfiedOn, facts: facts([missed]) };
};

/** The earlier of the standard and a case-specific deadline (seed 003: "or sooner when judged necessary"). */
export const effectiveDeadline = (
  standard: BusinessDate,
  advanced: BusinessDate | undefined,
): { deadline: BusinessDate; deadlineSource: 'STANDARD' | 'ADVANCED' } =>
  advanced !== undefined && isBefore(advanced, standard)
    ? { deadline: advanced, deadlineSource: 'ADVANCED' }
    : { deadline: standard, deadlineSource: 'STANDARD' };
