import { addCalendarMonthsClamped, type BusinessDate, type HelpType, isAfter, isBefore, type WaitlistReason } from '@app/domain';
import { plusDays, later, earlier } from './days';
import { seededUuid } from '../ids';
import { CANCELLATION_REASONS, helpMix, pickProvider, REJECTION_REASONS, WAIT_DAYS, WAITLIST_REASONS } from '../sources/care';
import { ADVANCED_DEADLINE_REASONS, EXPLANATIONS } from '../sources/texts';
import type { PlannedStep } from './case-draft';
import type { CaseFrame } from './case-frame';

/**
 * Norm 3, timely appropriate help (seed 003, ch. 4): started within 3 months of the pronouncement. The
 * inspectorates found it in 14 of 37 cases (0.38): the region's waiting lists. The paths below (help that was
 * already running, a direct start, crisis help under an advanced deadline, a waiting list, an intake followed by
 * a waiting list) have weights chosen so that about 4 in 10 cases get help on time. Waits may be bridged
 * (overbruggingshulp, which does not count), end in a rejection after which the request starts over at another
 * provider, or be cancelled (seed 003, ch. 3 and 4). Later in a case, new help follows now and then.
 */
type HelpPath = 'RUNNING_BEFORE' | 'DIRECT' | 'CRISIS' | 'WAITLIST' | 'INTAKE_THEN_WAITLIST';

export const FIRST_HELP_PATHS: readonly (readonly [HelpPath, number])[] = [
  ['RUNNING_BEFORE', 0.08],
  ['DIRECT', 0.1],
  ['CRISIS', 0.04],
  ['WAITLIST', 0.58],
  ['INTAKE_THEN_WAITLIST', 0.2],
];

/** Mean days between help episodes once help runs: a step up or down, a new provider. */
const DAYS_BETWEEN_EPISODES = 170;
const EXPLAIN_LATE_HELP = 0.35;
const PARENT_SUPPORT = 0.35;

interface Help {
  helpType: HelpType;
  provider: string;
}

const drawHelp = (frame: CaseFrame, helpType?: HelpType): Help => {
  const type = helpType ?? frame.random.weighted(helpMix(frame.measureType));
  return { helpType: type, provider: pickProvider(frame.random, type, frame.municipalityCode, frame.scale) };
};

const startHelp = (frame: CaseFrame, startedOn: BusinessDate, help: Help, bridging = false): PlannedStep | undefined =>
  frame.draft.make(startedOn, { type: 'StartHelp', data: { startedOn, ...help, bridging } });

/** Yields the help's start, if it falls in the case; returns its day. */
function* started(frame: CaseFrame, startedOn: BusinessDate, help: Help): Generator<PlannedStep, BusinessDate | undefined> {
  const step = startHelp(frame, startedOn, help);
  if (!step) return undefined;
  yield step;
  return startedOn;
}

/**
 * A wait for help from `since`; returns the day appropriate help started, if it did by the case's last day. A
 * wait still running when the measure ends is closed that day; one running at the horizon stays open.
 */
function* waitForHelp(
  frame: CaseFrame,
  since: BusinessDate,
  help: Help,
  reason: WaitlistReason,
  wait: { median: number; sigma: number },
  attempt = 1,
): Generator<PlannedStep, BusinessDate | undefined> {
  const { random, draft, lastDay } = frame;
  const entryId = seededUuid(random);
  const placed = draft.make(since, { type: 'PlaceOnWaitlist', data: { entryId, waitingFor: 'HELP', since, ...help, reason } });
  if (!placed) return undefined;
  yield placed;
  const days = Math.min(600, Math.max(5, Math.round(random.logNormal(wait.median, wait.sigma))));
  if (days > 14 && random.chance(0.3)) {
    const bridge = drawHelp(frame, random.chance(0.6) ? 'LOCAL_TEAM' : 'E_AMBULANT');
    const bridging = startHelp(frame, plusDays(since, random.int(3, Math.min(21, days - 1))), bridge, true);
    if (bridging) yield bridging;
  }
  const outcome = random.weighted([['HELP_STARTED', 0.8], ['REJECTED', 0.1], ['CANCELLED', 0.1]] as const);
  const leftOn = plusDays(since, outcome === 'HELP_STARTED' ? days : Math.round(days / 2));
  if (isAfter(leftOn, lastDay)) {
    if (frame.endsOnLastDay) {
      const closed = draft.make(lastDay, { type: 'LeaveWaitlist', data: { entryId, leftOn: lastDay, outcome: 'CANCELLED', reason: 'measure ended' } });
      if (closed) yield closed;
    }
    return undefined;
  }
  switch (outcome) {
    case 'HELP_STARTED': {
      const left = draft.make(leftOn, { type: 'LeaveWaitlist', data: { entryId, leftOn, outcome } });
      if (left) yield left;
      return yield* started(frame, leftOn, help);
    }
    case 'REJECTED': {
      const left = draft.make(leftOn, { type: 'LeaveWaitlist', data: { entryId, leftOn, outcome, reason: random.pick(REJECTION_REASONS) } });
      if (left) yield left;
      if (attempt >= 3) return undefined;
      return yield* waitForHelp(frame, leftOn, drawHelp(frame, help.helpType), random.weighted(WAITLIST_REASONS), wait, attempt + 1);
    }
    case 'CANCELLED': {
      const left = draft.make(leftOn, { type: 'LeaveWaitlist', data: { entryId, leftOn, outcome, reason: random.pick(CANCELLATION_REASONS) } });
      if (left) yield left;
      return yield* started(frame, plusDays(leftOn, random.int(7, 40)), drawHelp(frame, 'LOCAL_TEAM'));
    }
  }
}

/** The first help of the case, by one of the paths; returns the day appropriate help started. */
function* firstHelp(frame: CaseFrame, requestOn: BusinessDate): Generator<PlannedStep, BusinessDate | undefined> {
  const { random, draft, pronouncedOn } = frame;
  switch (random.weighted(FIRST_HELP_PATHS)) {
    case 'RUNNING_BEFORE':
      // Help that runs on from before the measure counts (BRIEF, norm 3); recorded once the case is registered.
      return yield* started(frame, plusDays(pronouncedOn, -random.int(20, 400)), drawHelp(frame));
    case 'DIRECT':
      return yield* started(frame, plusDays(requestOn, random.int(3, 55)), drawHelp(frame));
    case 'CRISIS': {
      const deadline = plusDays(pronouncedOn, random.int(5, 14));
      const advanced = draft.make(pronouncedOn, { type: 'AdvanceDeadline', data: { norm: 'HELP', deadline, reason: random.pick(ADVANCED_DEADLINE_REASONS) } });
      if (advanced) yield advanced;
      return yield* started(frame, plusDays(pronouncedOn, random.int(0, 10)), drawHelp(frame, random.chance(0.7) ? 'F_CRISIS' : 'B_OPNAME'));
    }
    case 'WAITLIST':
      return yield* waitForHelp(frame, requestOn, drawHelp(frame), random.weighted(WAITLIST_REASONS), WAIT_DAYS.first);
    case 'INTAKE_THEN_WAITLIST': {
      // "Providers sometimes say help started while there was only an intake" (seed 003, ch. 4).
      const help = drawHelp(frame);
      const intakeOn = plusDays(requestOn, random.int(7, 30));
      const intake = startHelp(frame, intakeOn, help);
      if (!intake) return undefined;
      yield intake;
      return yield* waitForHelp(frame, plusDays(intakeOn, random.int(0, 10)), help, 'AFTER_INTAKE', WAIT_DAYS.afterIntake);
    }
  }
}

/** Help after the first: a step up or down, another provider, now and then through a waiting list. */
function* laterHelp(frame: CaseFrame, from: BusinessDate): Generator<PlannedStep> {
  const { random, lastDay } = frame;
  let next: BusinessDate | undefined = plusDays(from, Math.min(3000, Math.round(random.exponential(DAYS_BETWEEN_EPISODES))) + 30);
  while (next !== undefined && isBefore(next, lastDay)) {
    const startedOn: BusinessDate | undefined = random.chance(0.45)
      ? yield* waitForHelp(frame, next, drawHelp(frame), random.weighted(WAITLIST_REASONS), WAIT_DAYS.later)
      : yield* started(frame, next, drawHelp(frame));
    next = startedOn && plusDays(startedOn, Math.min(3000, Math.round(random.exponential(DAYS_BETWEEN_EPISODES))) + 30);
  }
}

/**
 * Plans the first help at once (the norm's verdict and the extension reasons depend on it) and the help after it
 * as the case goes on; answers the day appropriate help first started.
 */
export const planHelp = (frame: CaseFrame, firstPlanOn: BusinessDate | undefined): BusinessDate | undefined => {
  const { random, draft, pronouncedOn, lastDay } = frame;
  const requestOn = plusDays(earlier(firstPlanOn ?? plusDays(pronouncedOn, 35), plusDays(pronouncedOn, 35)), -random.int(0, 10));
  const appropriateOn = draft.addAll(firstHelp(frame, later(pronouncedOn, requestOn)));

  const deadline = addCalendarMonthsClamped(pronouncedOn, 3);
  const late = appropriateOn === undefined || isAfter(appropriateOn, deadline);
  if (late && !isAfter(deadline, lastDay) && random.chance(EXPLAIN_LATE_HELP)) {
    const explainedOn = later(pronouncedOn, plusDays(deadline, random.int(-10, 14)));
    draft.add(explainedOn, { type: 'ExplainDeadline', data: { norm: 'HELP', explainedOn, reason: random.pick(EXPLANATIONS.HELP) } });
  }
  if (appropriateOn === undefined) return undefined;
  const running = later(appropriateOn, pronouncedOn);
  // Help for the parents beside the child's, once the child's help runs (it does not change norm 3's verdict).
  if (frame.measureType !== 'JEUGDRECLASSERING' && random.chance(PARENT_SUPPORT)) {
    draft.keep(startHelp(frame, plusDays(running, random.int(7, 60)), drawHelp(frame, random.chance(0.6) ? 'LOCAL_TEAM' : 'E_AMBULANT')));
  }
  draft.follow(laterHelp(frame, running));
  return appropriateOn;
};
