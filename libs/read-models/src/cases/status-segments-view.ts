import type { Insertable } from 'kysely';
import { type CaseState, type CaseStatusSegment, caseTimeline } from '@app/domain';
import type { CaseStatusSegmentTable } from '../database/read-model-schema';
import { lengthClassOf } from '../database/segment-length-classes';
import { verdictSpans } from './verdict-spans';

export type SegmentRow = Insertable<CaseStatusSegmentTable>;

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

/** The case's columns that every one of its segments carries (read-model-schema.ts, CaseStatusSegmentTable). */
export type SegmentCaseColumns = Pick<
  SegmentRow,
  'child_ref' | 'family_ref' | 'institution' | 'municipality_code' | 'pronounced_on' | 'gi_notified_on' | 'measure_type'
>;

/** Taken from the state as caseStateColumns (case-summary-view.ts) takes them, so the copies equal the summary. */
export const segmentCaseColumns = (state: CaseState): SegmentCaseColumns => ({
  child_ref: state.childRef ?? null,
  family_ref: state.familyRef ?? null,
  institution: state.institution ?? null,
  municipality_code: state.municipalityCode ?? null,
  pronounced_on: state.pronouncedOn ?? null,
  gi_notified_on: state.giNotifiedOn ?? null,
  measure_type: state.measureType ?? null,
});

export function segmentRows(caseId: string, segments: readonly CaseStatusSegment[], caseColumns: SegmentCaseColumns): SegmentRow[] {
  const spans = verdictSpans(segments);
  return segments.map((s, i) => ({
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
    ...caseColumns,
    length_class: lengthClassOf(s.from, s.until),
    ...spans[i],
  }));
}

/**
 * case_status_segments: the case's status segments from its whole timeline. A late-recorded step or a
 * correction can change any part of the past, so they are rewritten whole whenever the case has new events
 * (once per case per batch: a case has only a handful of segments, but the timeline is the costly part).
 */
export const caseSegmentRows = (caseId: string, state: CaseState): SegmentRow[] =>
  state.exists ? segmentRows(caseId, caseTimeline(state), segmentCaseColumns(state)) : [];
