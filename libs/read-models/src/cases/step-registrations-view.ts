import { daysBetween, findEntry, type StepEntry } from '@app/domain';
import { stepDate } from '@app/domain';
import type { CaseView } from './case-change';
import { amsterdamDateOf, recordedAtOf } from './case-change';

/** Business date of the step and the days it took to register it (null for a DeadlineAdvanced: no date). */
function dates(entry: StepEntry, recordedAt: string): { happened_on: string | null; lag_days: number | null } {
  // The GI can register a measure only once notified of it: court delays are not the GI's registration lag.
  const happenedOn = entry.type === 'MeasureImposed' ? entry.data.giNotifiedOn : stepDate(entry);
  if (happenedOn === undefined) return { happened_on: null, lag_days: null };
  return { happened_on: happenedOn, lag_days: daysBetween(happenedOn, amsterdamDateOf(recordedAt)) };
}

/**
 * One row per registered step, for the registration-lag KPI (seed 001: a step should be registered within
 * 21 days). A correction moves the step's business date and so its lag, but not when it was registered; a
 * retraction flags the row. The institution is the case's at registration time.
 */
export const stepRegistrationsView: CaseView = {
  tables: ['step_registrations'],
  async write(trx, { caseId, event, caseEvent, after }) {
    switch (caseEvent.type) {
      case 'EntryRetracted':
        await trx
          .updateTable('step_registrations')
          .set({ retracted: 1 })
          .where('event_id', '=', caseEvent.data.retractsEventId)
          .where('case_id', '=', caseId)
          .execute();
        return;
      case 'EntryCorrected': {
        const corrected = findEntry(after, caseEvent.data.correctsEventId);
        const row = await trx
          .selectFrom('step_registrations')
          .select('recorded_at')
          .where('event_id', '=', caseEvent.data.correctsEventId)
          .where('case_id', '=', caseId)
          .executeTakeFirst();
        if (!corrected || !row) return; // evolve ignored it too
        await trx
          .updateTable('step_registrations')
          .set(dates(corrected, row.recorded_at))
          .where('event_id', '=', corrected.eventId)
          .execute();
        return;
      }
      default: {
        const entry = findEntry(after, event.eventId);
        if (!entry) return;
        const recordedAt = recordedAtOf(event);
        await trx
          .insertInto('step_registrations')
          .values({
            event_id: event.eventId,
            case_id: caseId,
            institution: after.institution ?? null,
            step_type: entry.type,
            ...dates(entry, recordedAt),
            recorded_at: recordedAt,
            retracted: 0,
          })
          .execute();
      }
    }
  },
};
