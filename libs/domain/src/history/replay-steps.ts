import type { BusinessDate } from '../case/case-events';
import { isCaseEventType } from '../case/case-events';
import { evolve, findEntry, initialCaseState, type CaseState } from '../case/case-state';
import { minDate } from '../dates/business-date';
import { stepDate } from '../norms/case-as-of';
import { evaluateNorms } from '../norms/evaluate-norms';
import type { Timeliness } from '../norms/norm-verdict';
import { affectedEventId, asCaseEvent, type HistoryEvent } from './bitemporal-history';

/**
 * The replay of a (bitemporally selected) history, one row per event in log order, each with the verdicts of
 * every norm right after that event was applied: the case folded from that event and all before it.
 *
 * Which date each row is judged at:
 * - 'asOf': every row as of the one date asked for. The rows then show how the verdict on that date changed
 *   as records arrived - what the system said, and what is known now, about that day.
 * - 'stepDate': each row as of its own business date, as known right after the row: a step's date, for a
 *   correction the date of the step after the correction, for a retraction the date of the retracted step.
 *   An undated row (DeadlineAdvanced, an unknown type) keeps the previous row's date (asOf for the first).
 *   Never past asOf: a step first recorded after asOf and later corrected to before it is judged at asOf.
 *   This walks the case through business time: what the norms said on the day each step happened.
 */
export type ReplayEvaluation = 'asOf' | 'stepDate';

export interface ReplayStep<E extends HistoryEvent> {
  event: E;
  /** The business date of the step this row records or affects, as known right after it; null when undated. */
  businessDate: BusinessDate | null;
  /** The date the norms of this row are judged at. */
  evaluatedAsOf: BusinessDate;
  timeliness: Timeliness;
}

const rowDate = (state: CaseState, event: HistoryEvent): BusinessDate | null => {
  if (!isCaseEventType(event.type)) return null;
  const entry = findEntry(state, affectedEventId(event) ?? event.eventId);
  return (entry && stepDate(entry)) ?? null;
};

export function replaySteps<E extends HistoryEvent>(
  events: readonly E[],
  { asOf, evaluateAt }: { asOf: BusinessDate; evaluateAt: ReplayEvaluation },
): ReplayStep<E>[] {
  let state = initialCaseState;
  let previous = asOf;
  return events.map((event) => {
    if (isCaseEventType(event.type)) state = evolve(state, asCaseEvent(event));
    const businessDate = rowDate(state, event);
    const evaluatedAsOf = evaluateAt === 'asOf' ? asOf : businessDate === null ? previous : minDate(businessDate, asOf);
    previous = evaluatedAsOf;
    return { event, businessDate, evaluatedAsOf, timeliness: evaluateNorms(state, evaluatedAsOf) };
  });
}
