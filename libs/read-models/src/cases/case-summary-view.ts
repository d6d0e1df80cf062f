import type { Insertable } from 'kysely';
import { type CaseState, maxDate } from '@app/domain';
import { stepDate } from '@app/domain';
import type { CaseSummaryTable } from '../database/read-model-schema';
import { serializeCaseState } from './case-change';
import type { CaseFold } from './case-fold';

/** The columns of case_summaries that are a function of the case state alone. */
export type CaseStateColumns = Omit<
  Insertable<CaseSummaryTable>,
  'case_id' | 'version' | 'last_position' | 'recorded_first_at' | 'state_json'
>;

/**
 * The extension point for new summary columns: derive them from the state here, add them to CaseSummaryTable
 * and create them in a new migration. Keep them timeless (dates, deadlines, counts): a verdict "as of today"
 * changes without any event and belongs in the query, not in a row written when the last event arrived.
 */
export function caseStateColumns(state: CaseState): CaseStateColumns {
  return {
    institution: state.institution ?? null,
    municipality_code: state.municipalityCode ?? null,
    measure_type: state.measureType ?? null,
    child_ref: state.childRef ?? null,
    family_ref: state.familyRef ?? null,
    current_protector_ref: state.currentProtectorRef ?? null,
    pronounced_on: state.pronouncedOn ?? null,
    gi_notified_on: state.giNotifiedOn ?? null,
    ends_on: state.endsOn ?? null,
    ended_on: state.endedOn ?? null,
    end_reason: endReason(state),
    last_step_on: lastStepOn(state),
  };
}

const effectiveEntries = (state: CaseState) => state.entries.filter((entry) => !entry.retracted);

/** The reason of the effective MeasureEnded (the summary keeps only its date). */
function endReason(state: CaseState): string | null {
  if (!state.ended) return null;
  const ended = effectiveEntries(state).filter((entry) => entry.type === 'MeasureEnded');
  const last = ended[ended.length - 1];
  return last?.type === 'MeasureEnded' ? last.data.reason : null;
}

/** The latest business date of an effective step, by the domain's own notion of a step's date. */
function lastStepOn(state: CaseState): string | null {
  return effectiveEntries(state).reduce<string | null>((latest, entry) => {
    const on = stepDate(entry);
    if (on === undefined) return latest;
    return latest === null ? on : maxDate(latest, on);
  }, null);
}

export type CaseSummaryRow = Insertable<CaseSummaryTable>;

/** The case's row from its folded events: one per case, rewritten (upsert) whenever the case has new events. */
export const caseSummaryRow = (fold: CaseFold): CaseSummaryRow => ({
  case_id: fold.caseId,
  ...caseStateColumns(fold.state),
  // The stream version the row reflects, the number the api uses for ETag / If-Match.
  version: fold.version as number,
  last_position: String(fold.lastPosition),
  recorded_first_at: fold.recordedFirstAt as string,
  state_json: serializeCaseState(fold.state),
});
