import type { BusinessDate, CaseStepEventType, RecordedCaseEvent } from '../case/case-events';
import { foldCase, type CaseState } from '../case/case-state';
import { deriveSummary, type CaseSummary, type StepEntry } from '../case/case-summary';
import { isValidBusinessDate } from '../dates/business-date';
import { compareDates, isOnOrBefore, minDate } from './known-dates';
import { assertNever } from '../shared/assert-never';

/**
 * A case as it stood on an evaluation date, in business time: the effective entries (corrections applied,
 * retractions dropped - case-state does that) whose business date is on or before the date. Auditors ask "what
 * had happened by date D" (BRIEF "Case steps"); a step dated later does not count yet, even if it is already
 * in the log. A correction counts by the corrected date, whenever it was recorded.
 *
 * Steps dated after the measure ended do not count either: the norms are about the measure.
 */
export interface CaseAsOf {
  evaluationDate: BusinessDate;
  /** The evaluation date, or the end of the measure when it ended on or before it. */
  horizon: BusinessDate;
  /** The day the measure ended, when it ended on or before the evaluation date. */
  endedOn: BusinessDate | null;
  /** The summary of the entries below; its `pronouncedOn` is undefined when there is no measure yet. */
  summary: CaseSummary;
  /** Effective entries dated on or before the horizon, in log order. */
  entries: readonly StepEntry[];
}

/**
 * The business date of a step. A DeadlineAdvanced carries no date of its own (only the new deadline): it is a
 * judgement about the case and counts whenever it was made.
 */
export const stepDate = (entry: StepEntry): BusinessDate | undefined => {
  switch (entry.type) {
    case 'MeasureImposed':
      return entry.data.pronouncedOn;
    case 'GuardianAssigned':
      return entry.data.assignedOn;
    case 'PlanAgreed':
      return entry.data.agreedOn;
    case 'HelpStarted':
      return entry.data.startedOn;
    case 'Waitlisted':
      return entry.data.since;
    case 'WaitlistLeft':
      return entry.data.leftOn;
    case 'DeadlineExplained':
      return entry.data.explainedOn;
    case 'MeasureExtended':
      return entry.data.extendedOn;
    case 'MeasureEnded':
      return entry.data.endedOn;
    case 'DeadlineAdvanced':
      return undefined;
    default:
      return assertNever(entry, 'case step');
  }
};

const datedOnOrBefore = (entries: readonly StepEntry[], date: BusinessDate): StepEntry[] =>
  entries.filter((entry) => {
    const on = stepDate(entry);
    return on === undefined || isOnOrBefore(on, date);
  });

export const caseAsOf = (source: readonly RecordedCaseEvent[] | CaseState, evaluationDate: BusinessDate): CaseAsOf => {
  if (!isValidBusinessDate(evaluationDate)) {
    throw new RangeError(`Not a business date (YYYY-MM-DD): ${String(evaluationDate)}`);
  }
  const state = Array.isArray(source) ? foldCase(source) : (source as CaseState);
  const effective = state.entries.filter((entry) => !entry.retracted);
  return withEvaluationDate(caseDatedBy(datedOnOrBefore(effective, evaluationDate)), evaluationDate);
};

/** The part of a CaseAsOf that depends on the evaluation date only through which entries are dated by it. */
export type CaseDatedBy = Omit<CaseAsOf, 'evaluationDate' | 'horizon'>;

/**
 * From the effective entries dated on or before an evaluation date. An end among them is on or before that date,
 * so the horizon is the end itself and the entries kept do not depend on the date any further: every date with
 * the same dated entries shares this (caseTimeline evaluates dozens of dates per case).
 */
export const caseDatedBy = (
  byDate: readonly StepEntry[],
  summaryOfAll: CaseSummary = deriveSummary(byDate),
): CaseDatedBy => {
  const { endedOn } = summaryOfAll;
  // Still running: nothing is capped, and the summary of all the dated entries is the one.
  if (endedOn === undefined) return { endedOn: null, summary: summaryOfAll, entries: byDate };
  const entries = datedOnOrBefore(byDate, endedOn);
  return { endedOn, summary: deriveSummary(entries), entries };
};

export const withEvaluationDate = (dated: CaseDatedBy, evaluationDate: BusinessDate): CaseAsOf => ({
  evaluationDate,
  horizon: dated.endedOn === null ? evaluationDate : minDate(dated.endedOn, evaluationDate),
  endedOn: dated.endedOn,
  summary: dated.summary,
  entries: dated.entries,
});

/**
 * The entries of one type (their data narrowed with it), earliest business date (stepDate) first, log order on
 * a tie. The entries themselves rather than copies: the engine asks for several types per verdict, a timeline
 * for thousands of verdicts per case.
 */
export const entriesOf = <T extends CaseStepEventType>(c: CaseAsOf, type: T): TypedEntry<T>[] => {
  const typed: TypedEntry<T>[] = [];
  for (const entry of c.entries) if (entry.type === type) typed.push(entry as TypedEntry<T>);
  // Stable, so log order on a tie. The types asked for all have a date (DeadlineAdvanced has none).
  return typed.sort((a, b) => compareDates(stepDate(a) as BusinessDate, stepDate(b) as BusinessDate));
};

type TypedEntry<T extends CaseStepEventType> = Extract<StepEntry, { type: T }>;
