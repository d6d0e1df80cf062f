import { CaseState, RecordedCaseEvent, evolve, isCaseEventType } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

/**
 * Folds stored events onto a case state. An event of a type this version does not know is handed to `skipped`
 * and changes nothing: a newer service version may have written it, and older readers keep working.
 */
export function foldStoredEvents(state: CaseState, events: readonly StoredEvent[], skipped: (event: StoredEvent) => void): CaseState {
  let folded = state;
  for (const stored of events) {
    if (isCaseEventType(stored.type)) {
      folded = evolve(folded, { type: stored.type, data: stored.data, eventId: stored.eventId } as RecordedCaseEvent);
    } else {
      skipped(stored);
    }
  }
  return folded;
}
