import type { Assignment, CaseSummary } from '../case/case-summary';
import type { AssignmentReason, BusinessDate } from '../case/case-events';
import { compareDates, isAfter, minDate } from './known-dates';
import { addWorkingDays, type CalendarPolicy } from '../calendar/calendar-policy';
import { assertNever } from '../shared/assert-never';
import type { CaseAsOf } from './case-as-of';
import { deadlineOutcome } from './deadline-verdict';
import { type DeadlineFacts, type FixedProtectorFacts, type NormReason, type NormVerdict, withFacts } from './norm-verdict';

/** Norm 1, timely (seed 003, ch. 4): a named protector within five working days after the GI was notified. */
export const PROTECTOR_WORKING_DAYS = 5;

/** Assignments by date, log order on a tie (summary.assignments is in log order; sort is stable). */
const byDate = (summary: CaseSummary): Assignment[] =>
  [...summary.assignments].sort((a, b) => compareDates(a.assignedOn, b.assignedOn));

/** byDate(summary)[0] without sorting them all: the earliest, the first in the log on a tie. */
const firstAssigned = (summary: CaseSummary): Assignment | undefined =>
  summary.assignments.reduce<Assignment | undefined>(
    (first, a) => (first === undefined || compareDates(a.assignedOn, first.assignedOn) < 0 ? a : first),
    undefined,
  );

export const protectorVerdict = (
  c: CaseAsOf,
  giNotifiedOn: BusinessDate,
  policy: CalendarPolicy,
): NormVerdict<DeadlineFacts> => {
  // The clock starts at notification, not at the ruling: court decisions sometimes reach the GI late (BRIEF).
  const deadline = addWorkingDays(policy, giNotifiedOn, PROTECTOR_WORKING_DAYS);
  const first = firstAssigned(c.summary);
  const step = first && { eventId: first.eventId, date: first.assignedOn };
  const { state, satisfiedOn, facts } = deadlineOutcome(c, 'PROTECTOR', deadline, step);
  return { state, deadline, satisfiedOn, facts: withFacts(facts, { deadlineSource: 'STANDARD' as const }) };
};

/**
 * Norm 1, fixed: "at most one change because of staff turnover or illness" and changes otherwise "predictable,
 * at fixed moments" (seed 003, ch. 4). A planned handover is such a moment. OTHER is neither planned nor one of
 * the two tolerated causes; we count it as unplanned - it uses up the single allowance rather than breaking the
 * rule at once - because the norm only exempts predictable changes. A repeated INITIAL cannot be decided (the
 * decider refuses it) but, should a correction produce one, it is no fixed moment either.
 */
const isUnplanned = (reason: AssignmentReason): boolean => {
  switch (reason) {
    case 'PLANNED_HANDOVER':
      return false;
    case 'INITIAL':
    case 'TURNOVER':
    case 'ILLNESS':
    case 'OTHER':
      return true;
    default:
      return assertNever(reason, 'assignment reason');
  }
};

/**
 * BRIEF: met once a protector is assigned and the rule holds so far; notMet from the second unplanned change
 * or the first fall-back to a waiting list (for a protector) after the first assignment; pending before any
 * assignment. An assignment of the protector already in charge (a team change) is no change of protector. A
 * waiting-list entry dated the day of the first assignment is the queue that assignment ended, not a fall-back.
 */
export const fixedProtectorVerdict = (c: CaseAsOf): NormVerdict<FixedProtectorFacts> => {
  const assignments = byDate(c.summary);
  const first = assignments[0] as Assignment | undefined;
  const { endedOn } = c;
  // Facts written out in full rather than spread from a common base: see withFacts.
  if (!first) {
    const reasons: NormReason[] = endedOn !== null ? ['ENDED_BEFORE_ASSIGNMENT'] : [];
    const state = endedOn !== null ? 'notApplicable' : 'pending';
    const facts: FixedProtectorFacts = {
      reasons,
      satisfiedBy: [],
      explainedOn: null,
      explainedBy: [],
      endedOn,
      firstAssignedOn: null,
      plannedHandovers: 0,
      unplannedChanges: 0,
      unplannedChangeIds: [],
      fallbackIds: [],
      brokenOn: null,
    };
    return { state, deadline: null, satisfiedOn: null, facts };
  }
  let current = first.protectorRef;
  const unplanned: Assignment[] = [];
  let plannedHandovers = 0;
  for (let i = 1; i < assignments.length; i += 1) {
    const assignment = assignments[i];
    if (assignment.protectorRef === current) continue;
    current = assignment.protectorRef;
    if (isUnplanned(assignment.reason)) unplanned.push(assignment);
    else plannedHandovers += 1;
  }
  const fallbacks = Object.values(c.summary.waitlist)
    .filter((entry) => entry.waitingFor === 'PROTECTOR' && isAfter(entry.since, first.assignedOn))
    .sort((a, b) => compareDates(a.since, b.since));
  const reasons: NormReason[] = [];
  const breaks: BusinessDate[] = [];
  if (unplanned.length > 1) {
    reasons.push('SECOND_UNPLANNED_CHANGE');
    breaks.push(unplanned[1].assignedOn);
  }
  if (fallbacks.length > 0) {
    reasons.push('FELL_BACK_TO_WAITLIST');
    breaks.push(fallbacks[0].since);
  }
  const brokenOn = breaks.length > 0 ? breaks.reduce(minDate) : null;
  return {
    state: brokenOn === null ? 'met' : 'notMet',
    deadline: null,
    satisfiedOn: brokenOn === null ? first.assignedOn : null,
    facts: {
      satisfiedBy: [first.eventId],
      explainedOn: null,
      explainedBy: [],
      endedOn,
      firstAssignedOn: first.assignedOn,
      reasons,
      plannedHandovers,
      unplannedChanges: unplanned.length,
      unplannedChangeIds: unplanned.map((a) => a.eventId),
      fallbackIds: fallbacks.map((entry) => entry.placedByEventId),
      brokenOn,
    },
  };
};
