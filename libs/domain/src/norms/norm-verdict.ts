import type { BusinessDate } from '../case/case-events';

/** Verdict states, as the BRIEF's table defines them (met, explained, notMet, pending, notApplicable). */
export const NORM_STATES = ['met', 'explained', 'notMet', 'pending', 'notApplicable'] as const;
export type NormState = (typeof NORM_STATES)[number];

/** The four verdicts of a case, in the order the service shows them; read models iterate over these keys. */
export const NORM_KEYS = ['protector', 'fixedProtector', 'plan', 'help'] as const;
export type NormKey = (typeof NORM_KEYS)[number];

/** Stable codes for why a verdict is what it is (an auditor's "because"). */
export const NORM_REASONS = [
  'NO_MEASURE', // no effective measure on the evaluation date (not yet pronounced, or never recorded)
  'ON_TIME', // the step happened on or before the deadline
  'LATE', // the step happened, after the deadline
  'MISSING', // the deadline passed without the step
  'ENDED_BEFORE_DEADLINE', // the measure ended before the deadline without the step
  'NOT_SUPPORTED', // plan: agreed without the child or the parents (seed 003, norm 2 "gedragen")
  'BRIDGING_ONLY', // help: bridging help started, which is no start of appropriate help (seed 003, norm 3)
  'INTAKE_THEN_WAITLIST', // help: a start was only an intake, followed by a waiting list (seed 003, norm 3)
  'STARTED_BEFORE_MEASURE', // help: running before the measure and counted (BRIEF, norm 3)
  'ENDED_BEFORE_ASSIGNMENT', // fixed protector: the measure ended before anyone was assigned
  'SECOND_UNPLANNED_CHANGE', // fixed protector: more than one change for turnover, illness or other
  'FELL_BACK_TO_WAITLIST', // fixed protector: back on the GI's waiting list after the first assignment
] as const;
export type NormReason = (typeof NORM_REASONS)[number];

/** What every verdict carries besides its state, so it can be checked by hand against the dossier. */
export interface NormFacts {
  reasons: NormReason[];
  /** Ids of the (effective) events that satisfied the norm, or would have if on time. */
  satisfiedBy: string[];
  /** The earliest explanation of this norm on or before the evaluation date (comply or explain). */
  explainedOn: BusinessDate | null;
  explainedBy: string[];
  /** The day the measure ended, if it ended on or before the evaluation date. */
  endedOn: BusinessDate | null;
}

export interface DeadlineFacts extends NormFacts {
  /** STANDARD (5 working days, 6 weeks, 3 months) or ADVANCED (an earlier case-specific deadline). */
  deadlineSource: 'STANDARD' | 'ADVANCED' | null;
}

export interface FixedProtectorFacts extends NormFacts {
  firstAssignedOn: BusinessDate | null;
  plannedHandovers: number;
  /** Changes for turnover, illness or another unplanned reason; the norm allows one. */
  unplannedChanges: number;
  unplannedChangeIds: string[];
  /** Waiting-list entries for a protector placed after the first assignment (event ids). */
  fallbackIds: string[];
  /** The day the rule broke: the second unplanned change or the first fall-back. */
  brokenOn: BusinessDate | null;
}

export interface PlanFacts extends DeadlineFacts {
  unsupportedPlanIds: string[];
}

export interface HelpFacts extends DeadlineFacts {
  bridgingIds: string[];
  /** Help starts that proved to be only an intake (a waiting list followed). */
  intakeIds: string[];
}

/**
 * The facts with more of them, as `{ ...facts, ...more }` would give them - the keys keep the order a spread
 * gives them (the JSON answers show it) - but made by adding to `facts` itself, which must be the caller's own,
 * freshly made object (deadlineOutcome's). Spreading an object and then setting keys is many times slower than
 * Object.assign on Node 20's V8, and a copy per verdict is garbage: a rebuild makes millions of verdicts.
 */
export const withFacts = <F extends NormFacts, M extends object>(facts: F, more: M): Omit<F, keyof M> & M =>
  Object.assign(facts, more);

/**
 * One norm's verdict as of an evaluation date. `deadline` is null where no deadline applies (fixed protector,
 * no measure); `satisfiedOn` is the day of the qualifying step - also when it was late, the state says whether
 * it was timely - and null while there is none.
 */
export interface NormVerdict<F extends NormFacts = NormFacts> {
  state: NormState;
  deadline: BusinessDate | null;
  satisfiedOn: BusinessDate | null;
  facts: F;
}

export interface Timeliness {
  /** The calendar policy the working days were counted under (BRIEF: part of every verdict). */
  calendarPolicy: string;
  protector: NormVerdict<DeadlineFacts>;
  fixedProtector: NormVerdict<FixedProtectorFacts>;
  plan: NormVerdict<PlanFacts>;
  help: NormVerdict<HelpFacts>;
}

export type NormVerdictView = Pick<NormVerdict, 'state' | 'deadline' | 'satisfiedOn'>;
export type TimelinessView = { calendarPolicy: string } & Record<NormKey, NormVerdictView>;

/** The service's per-case `timeliness`: each verdict without its facts. */
export const timelinessView = (t: Timeliness): TimelinessView => {
  const view = ({ state, deadline, satisfiedOn }: NormVerdict): NormVerdictView => ({ state, deadline, satisfiedOn });
  return {
    calendarPolicy: t.calendarPolicy,
    protector: view(t.protector),
    fixedProtector: view(t.fixedProtector),
    plan: view(t.plan),
    help: view(t.help),
  };
};

export type NormStateCounts = Record<NormState, number>;

export const emptyNormStateCounts = (): NormStateCounts => ({
  met: 0,
  explained: 0,
  notMet: 0,
  pending: 0,
  notApplicable: 0,
});

/**
 * The BRIEF's compliance figures: percentMet = met / (met + explained + notMet), with percentMetOrExplained
 * beside it; pending and notApplicable are not judged yet or not at all. Null when nothing was judged.
 */
export const compliance = (c: NormStateCounts): { percentMet: number | null; percentMetOrExplained: number | null } => {
  const judged = c.met + c.explained + c.notMet;
  if (judged === 0) return { percentMet: null, percentMetOrExplained: null };
  return { percentMet: (100 * c.met) / judged, percentMetOrExplained: (100 * (c.met + c.explained)) / judged };
};
