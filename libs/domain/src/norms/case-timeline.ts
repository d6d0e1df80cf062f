import type { BusinessDate } from '../case/case-events';
import type { CaseState } from '../case/case-state';
import { applyStep, deriveSummary, type CaseSummary, type StepEntry } from '../case/case-summary';
import type { CalendarPolicy } from '../calendar/calendar-policy';
import { defaultCalendarPolicy } from '../calendar/calendar-policies';
import { caseDatedBy, type CaseDatedBy, stepDate, withEvaluationDate } from './case-as-of';
import { judgeCase } from './evaluate-norms';
import { compareDates, isOnOrBefore, requireDate } from './known-dates';
import type { NormState, Timeliness } from './norm-verdict';
import { dayAfter, sameStatus, TIMELINE_START } from './status-segments';
import { logIndex, type LogOrder, statusOf } from './status-on-date';

/**
 * A case's status as a function of the evaluation date D, as segments [from, until). Read models store these
 * rows so that SQL can answer "as of any date D" exactly as evaluateNorms(case, D) would: every field is
 * computed by the engine at the segment's first day, never by a second copy of the rules.
 */
export interface HelpWaitlistStatus {
  entryId: string;
  since: BusinessDate;
  helpType: string | null;
  provider: string | null;
  reason: string | null;
}

export interface CaseStatus {
  protector: NormState;
  fixedProtector: NormState;
  plan: NormState;
  help: NormState;
  protectorDeadline: BusinessDate | null;
  planDeadline: BusinessDate | null;
  helpDeadline: BusinessDate | null;
  /** Pronounced on or before D, and no MeasureEnded dated on or before D. */
  measureActive: boolean;
  /**
   * Appropriate help started by D in the help norm's sense (its verdict names a qualifying start, on time or
   * late). False before the pronouncement - the engine judges no help without a measure - even for help that
   * was already running then; from the pronouncement on, such help counts.
   */
  helpStarted: boolean;
  waitingForHelp: boolean;
  /** An effective assignment dated on or before D. */
  protectorAssigned: boolean;
  /** The protector holding the case on D (latest assignment dated on or before D): caseload as of a date. */
  protectorRef: string | null;
  waitingForProtector: boolean;
  /** The earliest-since HELP waiting-list entry open on D (since <= D, not left on or before D). */
  helpWaitlist: HelpWaitlistStatus | null;
}

export interface CaseStatusSegment extends CaseStatus {
  /** Inclusive. */
  from: BusinessDate;
  /** Exclusive; null for the last, open-ended segment. */
  until: BusinessDate | null;
}

export { TIMELINE_START } from './status-segments';

/** An effective entry with its place in the log (entries of a view are kept in log order). */
interface LoggedEntry {
  entry: StepEntry;
  logIndex: number;
}

/** The engine's view of the entries dated by D, and the verdicts on it by the side of its deadlines. */
interface DatedEntries {
  dated: CaseDatedBy;
  verdicts: Map<number, Timeliness>;
}

/** What every date with the same entries dated by it shares: the engine's view, and the plain "as of" view. */
interface DatedView {
  /** The effective entries dated on or before D (undated ones always), in log order. */
  entries: readonly LoggedEntry[];
  dated: DatedEntries;
  /** The summary of those entries, not capped at the end of the measure. */
  asOf: CaseSummary;
  /** The deadlines the engine names under these entries (they do not depend on D itself). */
  deadlines?: readonly (BusinessDate | null)[];
  /** Statuses by the evaluation date's side of each deadline. */
  statuses: Map<number, CaseStatus>;
}

/**
 * The case seen from any date. As caseTimeline explains, the status on D depends only on the entries dated on
 * or before D and on D's side of each deadline. The entries change only at their own dates, so each view is
 * derived once per distinct step date, and each status once per view and side of the deadlines, then shared
 * by every date alike.
 *
 * The views are built in date order, each from the one before: the entries of the next step date are folded
 * onto the previous summary when they all come later in the log than the entries already in it - the usual
 * case - and the summary is derived afresh only when a step was recorded after a later-dated one (a late
 * registration or a correction), since the fold follows log order. Deriving every view from scratch made the
 * timeline quadratic per case and most of the cost of a read-model rebuild; the reference implementation in
 * testing/reference-timeline.ts still does, and the tests compare the two.
 */
class CaseAsOfDates {
  /** Distinct step dates of the effective entries, ascending. */
  private readonly stepDates: BusinessDate[];
  /** The effective entries that enter the view at each step date (same index), in log order. */
  private readonly enteringAt: LoggedEntry[][];
  /** Views by how many distinct step dates fall on or before D, built in that order. */
  private readonly views: DatedView[] = [];
  /**
   * Log positions by event id, made on first use: statusOf needs them only to order two waiting-list entries
   * open since the same day, which few cases ever have.
   */
  private readonly logOrder: LogOrder;

  constructor(
    state: CaseState,
    private readonly policy: CalendarPolicy,
  ) {
    let positions: ReadonlyMap<string, number> | undefined;
    this.logOrder = { get: (eventId) => (positions ??= logIndex(state)).get(eventId) };
    const undated: LoggedEntry[] = [];
    const byDate = new Map<BusinessDate, LoggedEntry[]>();
    state.entries.forEach((entry, logIndex) => {
      if (entry.retracted) return;
      const on = stepDate(entry);
      // DeadlineAdvanced has no date and always counts, as in caseAsOf.
      if (on === undefined) return void undated.push({ entry, logIndex });
      const date = requireDate(on);
      let entering = byDate.get(date);
      if (!entering) byDate.set(date, (entering = []));
      entering.push({ entry, logIndex });
    });
    this.stepDates = [...byDate.keys()].sort();
    this.enteringAt = this.stepDates.map((date) => byDate.get(date)!);
    const asOf = deriveSummary(undated.map(({ entry }) => entry));
    this.views.push(newView(undated, asOf, undefined));
  }

  /** The status on a valid date (checked by the callers). */
  statusOn(date: BusinessDate): CaseStatus {
    return this.statusIn(this.viewOn(date), date);
  }

  /**
   * The statuses as segments, walking the views in date order. View k holds from the k-th step date (the
   * first from TIMELINE_START) to the next one, and within it the status changes only where the date passes one
   * of the view's own deadlines (deadline + 1). Those dates are the only ones asked: every other breakpoint
   * caseTimeline names falls in the same view and on the same side of its deadlines as the date before it, so
   * it has the same status and would be merged into the segment anyway.
   */
  segments(): CaseStatusSegment[] {
    const segments: CaseStatusSegment[] = [];
    const count = this.stepDates.length;
    for (let k = 0; k <= count; k += 1) {
      const until = k < count ? this.stepDates[k] : null;
      if (until !== null && until <= TIMELINE_START) continue; // wholly before the timeline starts
      const from = k === 0 || this.stepDates[k - 1] < TIMELINE_START ? TIMELINE_START : this.stepDates[k - 1];
      while (this.views.length <= k) this.views.push(this.nextView());
      const view = this.views[k];
      pushStatus(segments, from, this.statusIn(view, from));
      for (const date of sidesChangeWithin(view.deadlines!, from, until)) {
        pushStatus(segments, date, this.statusIn(view, date));
      }
    }
    return segments;
  }

  private statusIn(view: DatedView, date: BusinessDate): CaseStatus {
    if (view.deadlines === undefined) {
      const status = this.statusAt(view, date);
      view.deadlines = [status.protectorDeadline, status.planDeadline, status.helpDeadline].map(
        (deadline) => deadline && requireDate(deadline),
      );
      view.statuses.set(sideOfDeadlines(view.deadlines, date), status);
      return status;
    }
    const side = sideOfDeadlines(view.deadlines, date);
    let status = view.statuses.get(side);
    if (!status) {
      status = this.statusAt(view, date);
      view.statuses.set(side, status);
    }
    return status;
  }

  private statusAt(view: DatedView, date: BusinessDate): CaseStatus {
    const { dated } = view;
    // Views sharing their dated entries (after the end) share the verdicts: the side is of the same deadlines.
    const side = view.deadlines === undefined ? undefined : sideOfDeadlines(view.deadlines, date);
    let verdicts = side === undefined ? undefined : dated.verdicts.get(side);
    if (!verdicts) {
      verdicts = judgeCase(withEvaluationDate(dated.dated, date), this.policy);
      const deadlines = [verdicts.protector.deadline, verdicts.plan.deadline, verdicts.help.deadline];
      dated.verdicts.set(sideOfDeadlines(deadlines.map((d) => d && requireDate(d)), date), verdicts);
    }
    return statusOf(verdicts, view.asOf, date, this.logOrder);
  }

  /** The view of D: keyed by how many distinct step dates fall on or before D. */
  private viewOn(date: BusinessDate): DatedView {
    let low = 0;
    let high = this.stepDates.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.stepDates[mid] <= date) low = mid + 1;
      else high = mid;
    }
    while (this.views.length <= low) this.views.push(this.nextView());
    return this.views[low];
  }

  /** The view after the last one built: its entries and those of the next step date. */
  private nextView(): DatedView {
    const k = this.views.length - 1;
    const previous = this.views[k];
    const [date, entering] = [this.stepDates[k], this.enteringAt[k]];
    const last = previous.entries[previous.entries.length - 1];
    if (last === undefined || entering[0].logIndex > last.logIndex) {
      // Later in the log than all before (each date's entries are in log order): the fold simply goes on.
      let asOf = previous.asOf;
      for (const { entry } of entering) asOf = applyStep(asOf, entry);
      return newView(previous.entries.concat(entering), asOf, sameDatedEntries(previous, asOf, date));
    }
    const entries = mergeInLogOrder(previous.entries, entering);
    const asOf = deriveSummary(entries.map(({ entry }) => entry));
    return newView(entries, asOf, sameDatedEntries(previous, asOf, date));
  }
}

const newView = (entries: readonly LoggedEntry[], asOf: CaseSummary, dated: DatedEntries | undefined): DatedView => ({
  entries,
  asOf,
  dated: dated ?? { dated: caseDatedBy(entries.map(({ entry }) => entry), asOf), verdicts: new Map() },
  statuses: new Map(),
});

/**
 * The previous view's dated entries, when the engine sees the same ones in the next view: the measure ended
 * on the same day in both, and the entering entries are dated after that end, so caseDatedBy caps them away.
 */
const sameDatedEntries = (previous: DatedView, asOf: CaseSummary, date: BusinessDate): DatedEntries | undefined => {
  const { endedOn } = previous.dated.dated;
  return endedOn !== null && asOf.endedOn === endedOn && date > endedOn ? previous.dated : undefined;
};

/** Two runs of entries, each in log order, as one in log order. */
const mergeInLogOrder = (a: readonly LoggedEntry[], b: readonly LoggedEntry[]): LoggedEntry[] => {
  const merged: LoggedEntry[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    merged.push(j >= b.length || (i < a.length && a[i].logIndex < b[j].logIndex) ? a[i++] : b[j++]);
  }
  return merged;
};

/**
 * Whether D is on or before each deadline, as a number: a digit in base 3 per deadline (0 none, 1 on or before,
 * 2 after). A number rather than text, as it is worked out for every breakpoint of every case.
 */
const sideOfDeadlines = (deadlines: readonly (BusinessDate | null)[], date: BusinessDate): number => {
  let side = 0;
  for (const deadline of deadlines) side = side * 3 + (deadline === null ? 0 : date <= deadline ? 1 : 2);
  return side;
};

/**
 * The dates in (from, until) on which a date passes one of the deadlines (deadline + 1), ascending, without
 * repeats; until null is open-ended. A deadline on 9999-12-31 is never passed.
 */
const sidesChangeWithin = (
  deadlines: readonly (BusinessDate | null)[],
  from: BusinessDate,
  until: BusinessDate | null,
): BusinessDate[] => {
  const dates: BusinessDate[] = [];
  for (const deadline of deadlines) {
    if (deadline === null) continue;
    const passed = dayAfter(deadline);
    if (passed === undefined || passed <= from || (until !== null && passed >= until)) continue;
    if (!dates.includes(passed)) dates.push(passed);
  }
  return dates.length > 1 ? dates.sort() : dates;
};

/** Starts a segment on the date, or extends the last one when the status is the same. */
const pushStatus = (segments: CaseStatusSegment[], date: BusinessDate, status: CaseStatus): void => {
  const last = segments.length > 0 ? segments[segments.length - 1] : undefined;
  if (last && sameStatus(last, status)) return;
  if (last) last.until = date;
  segments.push(Object.assign({ from: date, until: null }, status)); // not a spread: see withFacts
};

/** The status on one date; caseTimeline stores the same thing as segments. */
export const caseStatusAt = (
  state: CaseState,
  date: BusinessDate,
  policy: CalendarPolicy = defaultCalendarPolicy(),
): CaseStatus => new CaseAsOfDates(state, policy).statusOn(requireDate(date));


/**
 * The status of a case for every date, as ordered, contiguous segments (the first from TIMELINE_START, the
 * last open-ended), adjacent equal ones merged. [] for a case that does not exist.
 *
 * Why this is exact: as of D, the engine sees the effective entries dated on or before D (capped at the end of
 * the measure), and compares D itself only with deadlines ("pending" while D <= deadline). So the status can
 * only change on a date x or x + 1 for a business date x in the entries or a deadline; between two such dates
 * it is constant, and evaluating at each breakpoint suffices. The reference (testing/reference-timeline.ts)
 * asks at every such date - every business-date field of every effective entry, not a hand-picked list; this
 * one asks only where the view or its side of the deadlines changes (CaseAsOfDates.segments), which gives the
 * same segments with a fraction of the evaluations.
 */
export const caseTimeline = (
  state: CaseState,
  policy: CalendarPolicy = defaultCalendarPolicy(),
): CaseStatusSegment[] => {
  if (!state.exists) return [];
  return new CaseAsOfDates(state, policy).segments();
};

/** The segment containing the date, or undefined (no segments, or a date before TIMELINE_START). */
export const segmentAt = (
  segments: readonly CaseStatusSegment[],
  date: BusinessDate,
): CaseStatusSegment | undefined =>
  // A case has a handful of segments (a dozen or two), so a scan is enough.
  segments.find((s) => isOnOrBefore(s.from, date) && (s.until === null || compareDates(date, s.until) < 0));
