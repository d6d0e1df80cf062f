import type { Insertable } from 'kysely';
import { type CaseState, lookupWaitlistEntry } from '@app/domain';
import type { CaseWaitlistEntryTable } from '../database/read-model-schema';

export type WaitlistRow = Insertable<CaseWaitlistEntryTable>;

/**
 * The waiting-list rows of a case, as the state has them now: corrections applied, a retracted WaitlistLeft
 * reopening its entry. A retracted Waitlisted stays as a row flagged retracted, so that "how many were wrongly
 * counted as waiting" remains answerable; a second Waitlisted reusing an open entry id (which the domain
 * ignores) gets no row.
 */
export function waitlistRows(caseId: string, state: CaseState): WaitlistRow[] {
  const rows: WaitlistRow[] = [];
  for (const entry of state.entries) {
    if (entry.type !== 'Waitlisted') continue;
    const base = {
      case_id: caseId,
      placed_by_event_id: entry.eventId,
      entry_id: entry.data.entryId,
      waiting_for: entry.data.waitingFor,
      since: entry.data.since,
      help_type: entry.data.helpType ?? null,
      provider: entry.data.provider ?? null,
      reason: entry.data.reason ?? null,
    };
    if (entry.retracted) {
      rows.push({ ...base, left_on: null, outcome: null, retracted: 1 });
      continue;
    }
    const current = lookupWaitlistEntry(state.waitlist, entry.data.entryId);
    if (!current || current.placedByEventId !== entry.eventId) continue;
    rows.push({ ...base, left_on: current.leftOn ?? null, outcome: current.outcome ?? null, retracted: 0 });
  }
  return rows;
}

/** Whether the folded events changed the case's waiting-list rows; most events leave them alone. */
export const waitlistChanged = (before: readonly WaitlistRow[], after: readonly WaitlistRow[]): boolean =>
  JSON.stringify(before) !== JSON.stringify(after);
