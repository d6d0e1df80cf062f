import type { BusinessDate, HelpStartedData } from '../case/case-events';
import { compareDates, isBefore, isOnOrBefore } from './known-dates';
import { standardDeadline } from './standard-deadlines';
import { entriesOf, type CaseAsOf } from './case-as-of';
import { deadlineOutcome, effectiveDeadline } from './deadline-verdict';
import { type HelpFacts, type NormReason, type NormVerdict, withFacts } from './norm-verdict';

type HelpStart = { eventId: string; data: HelpStartedData };

/**
 * "Help has not started when the child/family lands on a waiting list after the intake" (seed 003, ch. 4,
 * norm 3; providers "sometimes say help started while there was only an intake, and the child then has to wait
 * or gets bridging help"). Our reading: a waiting-list entry for HELP with reason AFTER_INTAKE unmasks the help
 * start before it as an intake. Which start: the latest non-bridging start on or before the day the wait began,
 * at the same provider when the entry names one (help from another provider keeps counting), not already
 * unmasked by another entry. Starts after the wait began (the real help, at last) count normally. In business
 * time: until the waiting list is dated, the intake still looks like a start, as it did to the protector.
 */
const unmaskIntakes = (c: CaseAsOf, starts: readonly HelpStart[]): Set<string> => {
  const intakes = new Set<string>();
  const afterIntake = Object.values(c.summary.waitlist)
    .filter((entry) => entry.waitingFor === 'HELP' && entry.reason === 'AFTER_INTAKE')
    .sort((a, b) => compareDates(a.since, b.since));
  for (const entry of afterIntake) {
    const intake = starts
      .filter((s) => !s.data.bridging && !intakes.has(s.eventId) && isOnOrBefore(s.data.startedOn, entry.since))
      .filter((s) => entry.provider === undefined || s.data.provider === entry.provider)
      .at(-1);
    if (intake) intakes.add(intake.eventId);
  }
  return intakes;
};

/**
 * Norm 3, timely: appropriate help started within 3 calendar months of the pronouncement (clamped at month end),
 * or an earlier case-specific deadline. Bridging help never counts (seed 003). Help already running before the
 * measure counts (BRIEF), so a start before the pronouncement is the step; the log has no "help ended" event, so
 * a start is taken to continue.
 */
export const helpVerdict = (c: CaseAsOf, pronouncedOn: BusinessDate): NormVerdict<HelpFacts> => {
  const { deadline, deadlineSource } = effectiveDeadline(
    standardDeadline('HELP', pronouncedOn),
    c.summary.deadlinesAdvanced.HELP,
  );
  const starts = entriesOf(c, 'HelpStarted');
  const intakes = unmaskIntakes(c, starts);
  const bridgingIds = starts.filter((s) => s.data.bridging).map((s) => s.eventId);
  const help = starts.find((s) => !s.data.bridging && !intakes.has(s.eventId));
  const step = help && { eventId: help.eventId, date: help.data.startedOn };
  const { state, satisfiedOn, facts } = deadlineOutcome(c, 'HELP', deadline, step);
  const reasons: NormReason[] = [...facts.reasons];
  if (state === 'met' && help && isBefore(help.data.startedOn, pronouncedOn)) reasons.push('STARTED_BEFORE_MEASURE');
  if (state !== 'met' && bridgingIds.length > 0) reasons.push('BRIDGING_ONLY');
  if (state !== 'met' && intakes.size > 0) reasons.push('INTAKE_THEN_WAITLIST');
  return {
    state,
    deadline,
    satisfiedOn,
    facts: withFacts(facts, { reasons, deadlineSource, bridgingIds, intakeIds: [...intakes] }),
  };
};
