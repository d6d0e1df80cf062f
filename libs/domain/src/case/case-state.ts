import type { CaseStepData, RecordedCaseEvent } from './case-events';
import { applyStep, deriveSummary, emptySummary, type CaseSummary, type StepEntry } from './case-summary';
import { assertNever } from '../shared/assert-never';

export type { Assignment, CaseSummary, StepEntry, WaitlistEntry } from './case-summary';
export { lookupWaitlistEntry } from './case-summary';

/**
 * The state decide needs, folded from a case stream. Every step stays in `entries` (log order) with its
 * effective data, so that a correction or retraction - which may arrive years later, from an auditor - can
 * simply re-derive the summary from the effective entries instead of patching it field by field.
 */
export interface CaseState extends CaseSummary {
  /** A MeasureImposed was recorded: the stream exists (even if every later step was retracted). */
  exists: boolean;
  /** Every step of the case, in log order, with its corrections applied and its retraction flag. */
  entries: readonly StepEntry[];
}

export const initialCaseState: CaseState = { ...emptySummary, exists: false, entries: [] };

export const findEntry = (state: CaseState, eventId: string): StepEntry | undefined =>
  state.entries.find((entry) => entry.eventId === eventId);

const replaceEntry = (state: CaseState, eventId: string, revise: (entry: StepEntry) => StepEntry): CaseState => {
  // A correction of an id we do not know changes nothing: decide never emits one, and a fold must not throw.
  if (!findEntry(state, eventId)) return state;
  const entries = state.entries.map((entry) => (entry.eventId === eventId ? revise(entry) : entry));
  return { ...state, ...deriveSummary(entries), entries };
};

const withCorrectedData = (entry: StepEntry, data: CaseStepData, correctionId: string): StepEntry =>
  // The shell validates the corrected data against the entry's own type, so the pair stays correlated.
  ({ ...entry, data, correctedBy: [...entry.correctedBy, correctionId] }) as StepEntry;

export const evolve = (state: CaseState, event: RecordedCaseEvent): CaseState => {
  switch (event.type) {
    case 'MeasureImposed':
    case 'GuardianAssigned':
    case 'PlanAgreed':
    case 'HelpStarted':
    case 'Waitlisted':
    case 'WaitlistLeft':
    case 'DeadlineExplained':
    case 'DeadlineAdvanced':
    case 'MeasureExtended':
    case 'MeasureEnded': {
      const entry = {
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        retracted: false,
        correctedBy: [],
      } as StepEntry;
      // applyStep copies the state it is given with the step applied (or returns it unchanged), so its result
      // is the next state but for the two fields below: one copy per event rather than two spreads.
      const next = applyStep(state, entry);
      return Object.assign(next === state ? { ...state } : next, {
        exists: state.exists || event.type === 'MeasureImposed',
        entries: [...state.entries, entry],
      });
    }
    case 'EntryCorrected':
      return replaceEntry(state, event.data.correctsEventId, (entry) =>
        withCorrectedData(entry, event.data.data, event.eventId),
      );
    case 'EntryRetracted':
      return replaceEntry(state, event.data.retractsEventId, (entry) => ({ ...entry, retracted: true }));
    default:
      return assertNever(event, 'case event');
  }
};

/** Folds a whole stream. */
export const foldCase = (events: readonly RecordedCaseEvent[]): CaseState =>
  events.reduce(evolve, initialCaseState);
