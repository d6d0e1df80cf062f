import type { Insertable } from 'kysely';
import { type CaseState, evolve, findEntry, initialCaseState, type RecordedCaseEvent, type StepEntry } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { StepRegistrationTable } from '../database/read-model-schema';
import { recordedAtOf } from './case-change';
import { registrationDates } from './step-registrations-view';

export type StepRegistrationRow = Insertable<StepRegistrationTable>;

/**
 * One case's events folded in memory: the case state (with the domain's own `evolve`, so corrections and
 * retractions mean here exactly what they mean to the decider) and what the rows need besides it. Whether the
 * events come one at a time (the live runner), a batch at a time, or as whole streams (a rebuild), folding them
 * here and writing the rows once gives the same rows as applying them one by one.
 */
export interface CaseFold {
  readonly caseId: string;
  /** The state before the folded events (to tell whether the waiting list changed). */
  readonly before: CaseState;
  state: CaseState;
  /** The stream version and log position of the last event folded; null while none was. */
  version: number | null;
  lastPosition: bigint | null;
  /** When the case's first event was recorded. */
  recordedFirstAt: string | null;
  /**
   * Step registrations written or changed by the folded events, by event id: a step's row is made when it is
   * registered (the institution then, its recording time for good), a correction moves its business date and
   * lag, a retraction flags it.
   */
  readonly registrations: Map<string, StepRegistrationRow>;
}

/** What the read models already hold of a case (nothing, for a case not seen before). */
export interface CaseBefore {
  state: CaseState;
  recordedFirstAt: string;
}

export const startCaseFold = (caseId: string, before?: CaseBefore): CaseFold => ({
  caseId,
  before: before?.state ?? initialCaseState,
  state: before?.state ?? initialCaseState,
  version: null,
  lastPosition: null,
  recordedFirstAt: before?.recordedFirstAt ?? null,
  registrations: new Map(),
});

/**
 * Folds one event of the case's stream (a case event type: the caller skips the others). `registered` finds a
 * registration written before this fold began - in the read models, for a correction or retraction of a step
 * registered in an earlier batch.
 */
export function foldCaseEvent(
  fold: CaseFold,
  event: StoredEvent,
  registered: (eventId: string) => StepRegistrationRow | undefined = () => undefined,
): void {
  // The store hands back what the api validated on append; evolve trusts it as the decider's fold does.
  const caseEvent = { type: event.type, data: event.data, eventId: event.eventId } as RecordedCaseEvent;
  const after = evolve(fold.state, caseEvent);
  fold.state = after;
  fold.version = event.revision + 1;
  fold.lastPosition = event.position;
  fold.recordedFirstAt ??= recordedAtOf(event);
  const known = (eventId: string) => fold.registrations.get(eventId) ?? registered(eventId);
  switch (caseEvent.type) {
    case 'EntryRetracted': {
      const row = known(caseEvent.data.retractsEventId);
      if (row) fold.registrations.set(row.event_id, { ...row, retracted: 1 });
      return;
    }
    case 'EntryCorrected': {
      const corrected = findEntry(after, caseEvent.data.correctsEventId);
      const row = known(caseEvent.data.correctsEventId);
      if (!corrected || !row) return; // evolve ignored it too
      fold.registrations.set(row.event_id, { ...row, ...registrationDates(corrected, row.recorded_at) });
      return;
    }
    default: {
      const entry = appendedEntry(after, event.eventId);
      if (!entry) return;
      const recordedAt = recordedAtOf(event);
      // Written out rather than spread into the literal, which V8 makes a slow generic copy.
      const { happened_on, lag_days } = registrationDates(entry, recordedAt);
      fold.registrations.set(event.eventId, {
        event_id: event.eventId,
        case_id: fold.caseId,
        institution: after.institution ?? null,
        step_type: entry.type,
        happened_on,
        lag_days,
        recorded_at: recordedAt,
        retracted: 0,
      });
    }
  }
}

/**
 * The entry a step event added: evolve appends it, so it is the last one (event ids are unique in the log);
 * looking it up from the start made folding a long case quadratic.
 */
const appendedEntry = (state: CaseState, eventId: string): StepEntry | undefined => {
  const last = state.entries[state.entries.length - 1];
  return last?.eventId === eventId ? last : findEntry(state, eventId);
};
