import type { BusinessDate } from '../case/case-events';
import type { CaseState } from '../case/case-state';
import type { CaseSummary, WaitlistEntry } from '../case/case-summary';
import type { CaseStatus } from './case-timeline';
import { compareDates, isOnOrBefore } from './known-dates';
import type { Timeliness } from './norm-verdict';

/**
 * A case's status on one date from the engine's verdicts and the summary of the entries dated by then: shared by
 * the case timeline and its test reference, which differ in how they arrive at those two.
 */

/** Log position of each entry: the tie-break between waiting-list entries placed on the same day. */
export const logIndex = (state: CaseState): Map<string, number> =>
  new Map(state.entries.map((entry, i) => [entry.eventId, i]));

/** What statusOf reads of the log positions (a Map will do; the timeline builds its Map only when asked). */
export type LogOrder = Pick<ReadonlyMap<string, number>, 'get'>;

const order = (logOrder: LogOrder, entry: WaitlistEntry): number =>
  logOrder.get(entry.placedByEventId) ?? Number.MAX_SAFE_INTEGER;

const isOpenOn = (entry: WaitlistEntry, date: BusinessDate): boolean =>
  isOnOrBefore(entry.since, date) && (entry.leftOn === undefined || !isOnOrBefore(entry.leftOn, date));

/**
 * The status on one date. Waiting lists and assignments come from the summary of the entries dated on or
 * before D, deliberately not capped at the end of the measure as caseAsOf is: the BRIEF's definitions of these
 * fields are plain "as of D" facts. While the measure runs the two views are identical, so the waiting* flags
 * agree with the norm engine either way.
 */
export const statusOf = (
  t: Timeliness,
  asOf: CaseSummary,
  date: BusinessDate,
  logOrder: LogOrder,
): CaseStatus => {
  const measureActive = asOf.pronouncedOn !== undefined && !asOf.ended;
  // satisfiedOn is set exactly when the engine found a qualifying start (on time or late); bridging help and
  // unmasked intakes never qualify, help from before the pronouncement does.
  const helpStarted = t.help.satisfiedOn !== null;
  const protectorAssigned = asOf.assignmentCount > 0;
  const open = Object.values(asOf.waitlist)
    .filter((entry) => isOpenOn(entry, date))
    // Earliest since first; on a tie the entry placed first in the log, so the choice never depends on ids.
    .sort((a, b) => compareDates(a.since, b.since) || order(logOrder, a) - order(logOrder, b));
  const help = open.find((entry) => entry.waitingFor === 'HELP');
  return {
    protector: t.protector.state,
    fixedProtector: t.fixedProtector.state,
    plan: t.plan.state,
    help: t.help.state,
    protectorDeadline: t.protector.deadline,
    planDeadline: t.plan.deadline,
    helpDeadline: t.help.deadline,
    measureActive,
    helpStarted,
    waitingForHelp: measureActive && !helpStarted,
    protectorAssigned,
    protectorRef: asOf.currentProtectorRef ?? null,
    waitingForProtector:
      measureActive && (!protectorAssigned || open.some((entry) => entry.waitingFor === 'PROTECTOR')),
    helpWaitlist: help
      ? {
          entryId: help.entryId,
          since: help.since,
          helpType: help.helpType ?? null,
          provider: help.provider ?? null,
          reason: help.reason ?? null,
        }
      : null,
  };
};

