/**
 * The case timeline as it was first written: every view of the case re-derived from scratch (quadratic per
 * case, slow), kept as the reference the incremental case-timeline.ts is compared with on generated histories.
 * Test code only.
 */
import type { BusinessDate } from '../../case/case-events';
import type { CaseState } from '../../case/case-state';
import { deriveSummary, type CaseSummary, type StepEntry } from '../../case/case-summary';
import type { CalendarPolicy } from '../../calendar/calendar-policy';
import { defaultCalendarPolicy } from '../../calendar/calendar-policies';
import { caseDatedBy, type CaseDatedBy, stepDate, withEvaluationDate } from '../case-as-of';
import { judgeCase } from '../evaluate-norms';
import type { CaseStatus, CaseStatusSegment } from '../case-timeline';
import { requireDate } from '../known-dates';
import { segmentsOf } from '../status-segments';
import { logIndex, statusOf } from '../status-on-date';

/** What every date with the same entries dated by it shares: the engine's view, and the plain "as of" view. */
interface DatedView {
  dated: CaseDatedBy;
  /** The summary of the entries dated on or before D, not capped at the end of the measure. */
  asOf: CaseSummary;
  /** The deadlines the engine names under these entries (they do not depend on D itself). */
  deadlines?: readonly (BusinessDate | null)[];
  /** Statuses by the evaluation date's side of each deadline. */
  statuses: Map<string, CaseStatus>;
}

/**
 * The case seen from any date. As caseTimeline explains, the status on D depends only on the entries dated on
 * or before D and on D's side of each deadline. The entries change only at their own dates, so each view is
 * derived once per distinct step date, and each status once per view and side of the deadlines, then shared
 * by every date alike - caseTimeline asks for dozens of dates per case, and evaluating each afresh was most of
 * the cost of a read-model rebuild.
 */
class CaseAsOfDates {
  private readonly effective: readonly StepEntry[];
  /** Distinct step dates of the effective entries, ascending. */
  private readonly stepDates: BusinessDate[];
  private readonly views = new Map<number, DatedView>();
  private readonly logOrder: ReadonlyMap<string, number>;

  constructor(
    state: CaseState,
    private readonly policy: CalendarPolicy,
  ) {
    this.logOrder = logIndex(state);
    this.effective = state.entries.filter((entry) => !entry.retracted);
    const dates = new Set<BusinessDate>();
    for (const entry of this.effective) {
      const on = stepDate(entry);
      if (on !== undefined) dates.add(requireDate(on));
    }
    this.stepDates = [...dates].sort();
  }

  /** The status on a valid date (checked by the callers). */
  statusOn(date: BusinessDate): CaseStatus {
    const view = this.viewOn(date);
    if (view.deadlines === undefined) {
      const status = statusAt(view, date, this.policy, this.logOrder);
      view.deadlines = [status.protectorDeadline, status.planDeadline, status.helpDeadline].map(
        (deadline) => deadline && requireDate(deadline),
      );
      view.statuses.set(sideOfDeadlines(view.deadlines, date), status);
      return status;
    }
    const side = sideOfDeadlines(view.deadlines, date);
    let status = view.statuses.get(side);
    if (!status) {
      status = statusAt(view, date, this.policy, this.logOrder);
      view.statuses.set(side, status);
    }
    return status;
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
    let view = this.views.get(low);
    if (!view) {
      const byDate = this.effective.filter((entry) => {
        const on = stepDate(entry);
        return on === undefined || on <= date;
      });
      // deriveSummary skips retracted entries; DeadlineAdvanced has no date and always counts, as in caseAsOf.
      const asOf = deriveSummary(byDate);
      view = { dated: caseDatedBy(byDate, asOf), asOf, statuses: new Map() };
      this.views.set(low, view);
    }
    return view;
  }
}


/** Whether D is on or before each deadline ('-' where there is none). */
const sideOfDeadlines = (deadlines: readonly (BusinessDate | null)[], date: BusinessDate): string =>
  deadlines.map((deadline) => (deadline === null ? '-' : date <= deadline ? 'y' : 'n')).join('');

/** The status on one date, from this view's engine verdicts (status-on-date.ts). */
const statusAt = (
  { dated, asOf }: DatedView,
  date: BusinessDate,
  policy: CalendarPolicy,
  logOrder: ReadonlyMap<string, number>,
): CaseStatus => statusOf(judgeCase(withEvaluationDate(dated, date), policy), asOf, date, logOrder);

/**
 * The status of a case for every date, as ordered, contiguous segments (the first from TIMELINE_START, the
 * last open-ended), adjacent equal ones merged. [] for a case that does not exist.
 *
 * Why this is exact: as of D, the engine sees the effective entries dated on or before D (capped at the end of
 * the measure), and compares D itself only with deadlines ("pending" while D <= deadline). So the status can
 * only change on a date x or x + 1 for a business date x in the entries or a deadline; between two such dates
 * it is constant, and evaluating at each breakpoint suffices. Every business-date field of every effective
 * entry is taken (not a hand-picked list), so a new dated field cannot be forgotten.
 */
export const referenceCaseTimeline = (
  state: CaseState,
  policy: CalendarPolicy = defaultCalendarPolicy(),
): CaseStatusSegment[] => {
  if (!state.exists) return [];
  const c = new CaseAsOfDates(state, policy);
  return segmentsOf(state, (date) => c.statusOn(date));
};

