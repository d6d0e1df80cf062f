import type { Insertable } from 'kysely';
import { type CaseState, type CaseStatusSegment, caseTimeline } from '@app/domain';
import type { CaseStatusSegmentTable } from '../database/read-model-schema';
import type { CaseView } from './case-change';

type SegmentRow = Insertable<CaseStatusSegmentTable>;

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

export function segmentRows(caseId: string, segments: readonly CaseStatusSegment[]): SegmentRow[] {
  return segments.map((s) => ({
    case_id: caseId,
    valid_from: s.from,
    valid_until: s.until,
    protector: s.protector,
    fixed_protector: s.fixedProtector,
    plan: s.plan,
    help: s.help,
    protector_deadline: s.protectorDeadline,
    plan_deadline: s.planDeadline,
    help_deadline: s.helpDeadline,
    measure_active: flag(s.measureActive),
    help_started: flag(s.helpStarted),
    waiting_for_help: flag(s.waitingForHelp),
    protector_assigned: flag(s.protectorAssigned),
    protector_ref: s.protectorRef,
    waiting_for_protector: flag(s.waitingForProtector),
    help_waitlist_entry_id: s.helpWaitlist?.entryId ?? null,
    help_waitlist_since: s.helpWaitlist?.since ?? null,
    help_waitlist_help_type: s.helpWaitlist?.helpType ?? null,
    help_waitlist_provider: s.helpWaitlist?.provider ?? null,
    help_waitlist_reason: s.helpWaitlist?.reason ?? null,
  }));
}

const timelineOf = (state: CaseState) => (state.exists ? caseTimeline(state) : []);

/**
 * The case's status segments, rewritten from its whole timeline on every event: a late-recorded step or a
 * correction can change any part of the past, and a case has only a handful of segments.
 */
export const statusSegmentsView: CaseView = {
  tables: ['case_status_segments'],
  async write(trx, { caseId, after }) {
    await trx.deleteFrom('case_status_segments').where('case_id', '=', caseId).execute();
    const rows = segmentRows(caseId, timelineOf(after));
    if (rows.length > 0) await trx.insertInto('case_status_segments').values(rows).execute();
  },
};
