import type { BusinessDate, CaseEvent, CaseStepEvent, EntryCorrectedData, EntryRetractedData } from './case-events';
import { evolve, findEntry, initialCaseState, type CaseState, type StepEntry } from './case-state';
import { DomainError, accept, refuse, type Decision } from './domain-error';
import { ruleError } from './domain-rules';
import { checkStep } from './rules/check-step';
import type { DecisionContext } from './case-commands';

/**
 * Corrections and retractions. A wrong entry is never edited or deleted (the auditor must see what was known
 * when); a new event supersedes it. They stay possible after the measure ended, since an auditor may find an
 * error years later.
 */

const asRecordedStep = (entry: StepEntry): CaseStepEvent & { eventId: string } =>
  ({ eventId: entry.eventId, type: entry.type, data: entry.data }) as CaseStepEvent & { eventId: string };

/**
 * Checks every effective entry against the case as it stood just before it, in log order, and returns the
 * refusals by event id. An empty map means the history is consistent under today's rules.
 */
export const auditEntries = (entries: readonly StepEntry[], today: BusinessDate): Map<string, DomainError> => {
  const failures = new Map<string, DomainError>();
  let state = initialCaseState;
  for (const entry of entries) {
    if (entry.retracted) continue;
    const step = asRecordedStep(entry);
    const error = checkStep(step, state, today);
    if (error) failures.set(entry.eventId, error);
    state = evolve(state, step);
  }
  return failures;
};

/** The corrected data arrives nested under `data` in the command, so its fields are named that way. */
const asCorrectionError = (error: DomainError): DomainError =>
  new DomainError(error.code, error.category, error.message, error.field ? `data.${error.field}` : 'data');

const findCorrectable = (state: CaseState, eventId: string, field: string): StepEntry | DomainError => {
  const entry = findEntry(state, eventId);
  if (!entry) return ruleError('CORRECTION.UNKNOWN_EVENT', `Event ${eventId} is not a step of this case.`, field);
  if (entry.retracted) return ruleError('CORRECTION.ENTRY_RETRACTED', `Event ${eventId} was retracted.`, field);
  return entry;
};

export const decideCorrection = (
  data: EntryCorrectedData,
  state: CaseState,
  { today }: DecisionContext,
): Decision<CaseEvent> => {
  if (!state.exists) return refuse(ruleError('CASE.NOT_FOUND', 'The case does not exist.'));
  const entry = findCorrectable(state, data.correctsEventId, 'correctsEventId');
  if (entry instanceof DomainError) return refuse(entry);
  if (entry.type === 'MeasureImposed' && (data.data as { caseId?: unknown }).caseId !== entry.data.caseId) {
    return refuse(ruleError('CORRECTION.CASE_ID_CHANGED', 'A correction cannot change the case id.', 'data.caseId'));
  }

  // Replay the history with the corrected data: the entry must pass the rules its original passed ...
  const corrected = state.entries.map((e) =>
    e.eventId === entry.eventId ? ({ ...e, data: data.data } as StepEntry) : e,
  );
  const after = auditEntries(corrected, today);
  const own = after.get(entry.eventId);
  if (own) return refuse(asCorrectionError(own));

  // ... and no later entry may start breaking one (say, an assignment now dated before a moved pronouncement).
  // Entries that were already inconsistent (e.g. after a retraction) do not block unrelated corrections.
  const before = auditEntries(state.entries, today);
  for (const [eventId, error] of after) {
    if (before.has(eventId)) continue;
    const broken = findEntry(state, eventId);
    return refuse(
      ruleError(
        'CORRECTION.INVALIDATES_LATER_ENTRY',
        `The correction would make entry ${eventId} (${broken?.type}) break ${error.code}: ${error.message}`,
        'data',
      ),
    );
  }
  return accept<CaseEvent>({ type: 'EntryCorrected', data });
};

/**
 * Retraction does not re-check later entries: withdrawing a wrong initial assignment must stay possible so the
 * next one can then be corrected to INITIAL. Retracting the MeasureEnded reopens the case.
 */
export const decideRetraction = (data: EntryRetractedData, state: CaseState): Decision<CaseEvent> => {
  if (!state.exists) return refuse(ruleError('CASE.NOT_FOUND', 'The case does not exist.'));
  const entry = findCorrectable(state, data.retractsEventId, 'retractsEventId');
  if (entry instanceof DomainError) return refuse(entry);
  if (entry.type === 'MeasureImposed') {
    return refuse(
      ruleError(
        'CORRECTION.CANNOT_RETRACT_MEASURE',
        'The imposed measure cannot be retracted; correct it instead.',
        'retractsEventId',
      ),
    );
  }
  return accept<CaseEvent>({ type: 'EntryRetracted', data });
};
