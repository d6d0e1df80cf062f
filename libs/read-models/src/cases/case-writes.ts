import { type Kysely, PostgresAdapter } from 'kysely';
import { type BulkInsert, insertRows } from '../database/bulk-insert';
import type { ReadModelDialect } from '../database/open-read-model-database';
import type { ReadModelSchema, ReadModelTableName } from '../database/read-model-schema';
import type { CaseFold, StepRegistrationRow } from './case-fold';
import { type CaseSummaryRow, caseSummaryRow } from './case-summary-view';
import { caseSegmentRows, type SegmentRow } from './status-segments-view';
import { waitlistChanged, type WaitlistRow, waitlistRows } from './waitlist-view';

/** Every row a case's folded events write. */
export interface CaseRows {
  caseId: string;
  summary: CaseSummaryRow;
  /** The case's waiting-list rows; undefined when the folded events left them as they were. */
  waitlist: WaitlistRow[] | undefined;
  segments: SegmentRow[];
  /** The registrations made or changed. */
  registrations: StepRegistrationRow[];
}

export const caseRowsOf = (fold: CaseFold): CaseRows => {
  const waitlist = waitlistRows(fold.caseId, fold.state);
  return {
    caseId: fold.caseId,
    summary: caseSummaryRow(fold),
    waitlist: waitlistChanged(waitlistRows(fold.caseId, fold.before), waitlist) ? waitlist : undefined,
    segments: caseSegmentRows(fold.caseId, fold.state),
    registrations: [...fold.registrations.values()],
  };
};

/**
 * 'fresh': the tables hold nothing of these cases (a rebuild folding whole streams), so rows are only
 * inserted. 'replace': the cases may have rows already; each case's summary and registrations are upserted and
 * its segments and (changed) waiting list replaced, as applying its events one by one would leave them.
 */
export type WriteMode = 'fresh' | 'replace';

export async function writeCaseRows(db: Kysely<ReadModelSchema>, cases: readonly CaseRows[], mode: WriteMode): Promise<void> {
  if (cases.length === 0) return;
  const dialect = dialectOf(db);
  if (mode === 'replace') {
    await deleteForCases(db, 'case_status_segments', cases.map((c) => c.caseId));
    await deleteForCases(db, 'case_waitlist_entries', cases.filter((c) => c.waitlist).map((c) => c.caseId));
  }
  const upsert = mode === 'replace';
  await insertRows(db, dialect, upsert ? SUMMARY_UPSERT : SUMMARY, cases.map((c) => valuesOf(SUMMARY, c.summary)));
  await insertRows(db, dialect, WAITLIST, cases.flatMap((c) => (c.waitlist ?? []).map((row) => valuesOf(WAITLIST, row))));
  await insertRows(db, dialect, SEGMENTS, cases.flatMap((c) => c.segments.map((row) => valuesOf(SEGMENTS, row))));
  await insertRows(
    db,
    dialect,
    upsert ? REGISTRATIONS_UPSERT : REGISTRATIONS,
    cases.flatMap((c) => c.registrations.map((row) => valuesOf(REGISTRATIONS, row))),
  );
}

const dialectOf = (db: Kysely<ReadModelSchema>): ReadModelDialect =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';

const valuesOf = <T extends ReadModelTableName>(insert: BulkInsert<T>, row: object): unknown[] =>
  insert.columns.map((column) => (row as Record<string, unknown>)[column] ?? null);

/** Case ids per statement, well under both dialects' parameter limits. */
const IDS_PER_STATEMENT = 1000;

async function deleteForCases(
  db: Kysely<ReadModelSchema>,
  table: 'case_status_segments' | 'case_waitlist_entries',
  caseIds: readonly string[],
): Promise<void> {
  for (let start = 0; start < caseIds.length; start += IDS_PER_STATEMENT) {
    await db.deleteFrom(table).where('case_id', 'in', caseIds.slice(start, start + IDS_PER_STATEMENT)).execute();
  }
}

const SUMMARY: BulkInsert<'case_summaries'> = {
  table: 'case_summaries',
  columns: [
    'case_id', 'institution', 'municipality_code', 'measure_type', 'child_ref', 'family_ref', 'current_protector_ref',
    'pronounced_on', 'gi_notified_on', 'ends_on', 'ended_on', 'end_reason', 'last_step_on', 'version',
    'last_position', 'recorded_first_at', 'state_json',
  ],
  pgTypes: [
    'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'integer',
    'bigint', 'text', 'text',
  ],
};
const SUMMARY_UPSERT: BulkInsert<'case_summaries'> = {
  ...SUMMARY,
  onConflict: { key: ['case_id'], update: SUMMARY.columns.filter((column) => column !== 'case_id') },
};

const WAITLIST: BulkInsert<'case_waitlist_entries'> = {
  table: 'case_waitlist_entries',
  columns: [
    'case_id', 'placed_by_event_id', 'entry_id', 'waiting_for', 'since', 'left_on', 'outcome', 'help_type',
    'provider', 'reason', 'retracted',
  ],
  pgTypes: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'integer'],
};

const SEGMENTS: BulkInsert<'case_status_segments'> = {
  table: 'case_status_segments',
  columns: [
    'case_id', 'valid_from', 'valid_until', 'protector', 'fixed_protector', 'plan', 'help', 'protector_deadline',
    'plan_deadline', 'help_deadline', 'measure_active', 'help_started', 'waiting_for_help', 'protector_assigned',
    'protector_ref', 'waiting_for_protector', 'help_waitlist_entry_id', 'help_waitlist_since',
    'help_waitlist_help_type', 'help_waitlist_provider', 'help_waitlist_reason', 'child_ref', 'family_ref',
    'institution', 'municipality_code', 'pronounced_on', 'gi_notified_on',
  ],
  pgTypes: [
    'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'integer', 'integer', 'integer',
    'integer', 'text', 'integer', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text',
  ],
};

const REGISTRATIONS: BulkInsert<'step_registrations'> = {
  table: 'step_registrations',
  columns: ['event_id', 'case_id', 'institution', 'step_type', 'happened_on', 'recorded_at', 'lag_days', 'retracted'],
  pgTypes: ['text', 'text', 'text', 'text', 'text', 'text', 'integer', 'integer'],
};
// A correction or retraction changes only these; the rest of a registration is fixed when it is made.
const REGISTRATIONS_UPSERT: BulkInsert<'step_registrations'> = {
  ...REGISTRATIONS,
  onConflict: { key: ['case_id', 'event_id'], update: ['happened_on', 'lag_days', 'retracted'] },
};
