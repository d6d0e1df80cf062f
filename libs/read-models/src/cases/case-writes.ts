import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import { type BulkInsert, insertRows, runStatement, valuesOf } from '../database/bulk-insert';
import type { ReadModelDialect } from '../database/open-read-model-database';
import type { ReadModelSchema, ReadModelTableName } from '../database/read-model-schema';
import type { CaseFold, StepRegistrationRow } from './case-fold';
import { type CaseSummaryRow, caseSummaryRow } from './case-summary-view';
import { casesWithWaitingChanges } from './child-waiting-spells';
import { protectorsWithCaseloadChanges } from './protector-caseloads';
import { diffRows, type RowDiff } from './row-diff';
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
 * Writes what applying the cases' events one by one would leave: the cases may have rows already, so each case's
 * summary, segments and (changed) waiting list are written where they differ from what the tables hold
 * (writeDifference), only the rows and columns that do, and its new or changed registrations are upserted.
 * Returns the cases whose waiting segments and the protectors whose segments the write changed, so that only
 * their spells need deriving again. (A rebuild into empty tables inserts instead: insertFreshCaseRows.)
 */
export async function writeCaseRows(db: Kysely<ReadModelSchema>, cases: readonly CaseRows[]): Promise<CaseRowChanges> {
  const waitingChanged = new Set<string>();
  if (cases.length === 0) return { waitingChanged, caseloadChanged: new Map() };
  const dialect = dialectOf(db);
  const caseIds = cases.map((c) => c.caseId);
  await writeDifference(db, dialect, SUMMARIES_TABLE, caseIds, cases.map((c) => c.summary));
  // Only what changed: most events change the last segment or two of a case, and its waiting list not at all.
  const waitlisted = cases.filter((c) => c.waitlist);
  await writeDifference(db, dialect, WAITLIST_TABLE, waitlisted.map((c) => c.caseId), waitlisted.flatMap((c) => c.waitlist ?? []));
  const segments = await writeDifference(db, dialect, SEGMENTS_TABLE, caseIds, cases.flatMap((c) => c.segments));
  for (const caseId of casesWithWaitingChanges(segments)) waitingChanged.add(caseId);
  await insertRows(db, dialect, REGISTRATIONS_UPSERT, cases.flatMap((c) => c.registrations.map((row) => valuesOf(REGISTRATIONS, row))));
  return { waitingChanged, caseloadChanged: protectorsWithCaseloadChanges(segments) };
}

/** What a write of case rows changed beyond the cases' own rows, to derive again. */
export interface CaseRowChanges {
  /** The cases whose waiting segments changed (their children's waiting spells). */
  waitingChanged: Set<string>;
  /** The protectors named by the segments that changed, before or after, each with the first day it changed (their caseload spans). */
  caseloadChanged: Map<string, string>;
}

/**
 * The rows of some cases new to the tables, as each table's columns' values row by row: the form insertRows
 * takes, and arrays of strings and numbers, which go between threads far more cheaply than objects with named
 * fields.
 */
export interface FreshCaseRowValues {
  summaries: unknown[][];
  waitlist: unknown[][];
  segments: unknown[][];
  registrations: unknown[][];
}

export const freshCaseRowValues = (cases: readonly CaseRows[]): FreshCaseRowValues => ({
  summaries: cases.map((c) => valuesOf(SUMMARY, c.summary)),
  waitlist: cases.flatMap((c) => (c.waitlist ?? []).map((row) => valuesOf(WAITLIST, row))),
  segments: cases.flatMap((c) => c.segments.map((row) => valuesOf(SEGMENTS, row))),
  registrations: cases.flatMap((c) => c.registrations.map((row) => valuesOf(REGISTRATIONS, row))),
});

/** Inserts them into tables that hold nothing of those cases (a rebuild). */
export async function insertFreshCaseRows(db: Kysely<ReadModelSchema>, values: FreshCaseRowValues): Promise<void> {
  const dialect = dialectOf(db);
  await insertRows(db, dialect, SUMMARY, values.summaries);
  await insertRows(db, dialect, WAITLIST, values.waitlist);
  await insertRows(db, dialect, SEGMENTS, values.segments);
  await insertRows(db, dialect, REGISTRATIONS, values.registrations);
}

const dialectOf = (db: Kysely<ReadModelSchema>): ReadModelDialect =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';


/** Case ids per statement, well under both dialects' parameter limits. */
const IDS_PER_STATEMENT = 1000;

type CaseKeyedTableName = 'case_summaries' | 'case_status_segments' | 'case_waitlist_entries';

/** A table whose rows of a case are written as a difference with what it holds: keyed by case_id, and more. */
interface CaseKeyedTable<T extends CaseKeyedTableName> {
  insert: BulkInsert<T>;
  /** The primary key: case_id first. */
  key: readonly string[];
  /**
   * Whether the rows given are all the cases' rows, so that a row the table holds and they lack is deleted (a
   * case's segments, its waiting list), or only some (a case's summary, which is never deleted).
   */
  deleteAbsent: boolean;
}

/**
 * Makes the cases' rows of the table `rows`, writing only the difference with what the table holds: the
 * current rows are read (by the primary key's leading case_id), the changed ones updated, the new ones
 * inserted, and (deleteAbsent) those whose key is gone deleted. The end state is that of deleting all the
 * cases' rows and inserting `rows`; the KPI aggregate triggers, which count inserts, updates and deletes, end
 * up the same too.
 */
async function writeDifference<T extends CaseKeyedTableName>(
  db: Kysely<ReadModelSchema>,
  dialect: ReadModelDialect,
  table: CaseKeyedTable<T>,
  caseIds: readonly string[],
  rows: readonly object[],
): Promise<RowDiff<object>> {
  if (caseIds.length === 0) return { deleted: [], inserted: [], updated: [] };
  const { insert, key } = table;
  const current = await selectForCases(db, dialect, insert, caseIds);
  const diff = diffRows(current, rows, key, insert.columns);
  if (!table.deleteAbsent) diff.deleted = [];
  await deleteByKey(db, dialect, table, diff.deleted);
  await updateByKey(db, dialect, table, diff.updated);
  await insertRows(db, dialect, insert, diff.inserted.map((row) => valuesOf(insert, row)));
  return diff;
}

async function selectForCases<T extends ReadModelTableName>(
  db: Kysely<ReadModelSchema>,
  dialect: ReadModelDialect,
  insert: BulkInsert<T>,
  caseIds: readonly string[],
): Promise<Array<Record<string, unknown>>> {
  const columns = insert.columns.join(', ');
  if (dialect === 'postgres') {
    const text = `select ${columns} from ${insert.table} where case_id = any($1::text[])`;
    return (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [caseIds]))).rows;
  }
  const rows: Array<Record<string, unknown>> = [];
  for (let start = 0; start < caseIds.length; start += IDS_PER_STATEMENT) {
    const ids = caseIds.slice(start, start + IDS_PER_STATEMENT);
    const text = `select ${columns} from ${insert.table} where case_id in (${ids.map(() => '?').join(',')})`;
    rows.push(...(await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, ids))).rows);
  }
  return rows;
}

/**
 * One statement for all the rows. SQLite prepares every statement Kysely runs anew, and preparing one on a
 * table with triggers compiles the triggers into it: one statement per batch, not per row.
 */
async function deleteByKey<T extends CaseKeyedTableName>(
  db: Kysely<ReadModelSchema>,
  dialect: ReadModelDialect,
  { insert, key }: CaseKeyedTable<T>,
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const keyOf = (row: Record<string, unknown>) => key.map((column) => row[column]);
  if (dialect === 'postgres') {
    const arrays = key.map((_, i) => `$${i + 1}::text[]`).join(', ');
    const text = `delete from ${insert.table} where (${key.join(', ')}) in (select * from unnest(${arrays}))`;
    await db.executeQuery(CompiledQuery.raw(text, key.map((column) => rows.map((row) => row[column]))));
    return;
  }
  const tuple = `(${key.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += IDS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + IDS_PER_STATEMENT);
    const text = `delete from ${insert.table} where (${key.join(', ')}) in (values ${chunk.map(() => tuple).join(', ')})`;
    await db.executeQuery(CompiledQuery.raw(text, chunk.flatMap(keyOf)));
  }
}

/**
 * SQLite: each row's changed columns only. SQLite rewrites the entries of every index holding a column that an
 * UPDATE sets, whether or not its value changed; setting the whole row rewrote all of them - for a segment whose
 * valid_until moved, a dozen index pages, and for a summary, whose state changes with every event, its four
 * indexes every time. The statements, one per set of changed columns (a handful), stay prepared.
 * PostgreSQL: one UPDATE setting every column from arrays: its heap-only updates leave an index alone when
 * the values of its columns did not change, and the aggregates' statement triggers run once.
 */
async function updateByKey<T extends CaseKeyedTableName>(
  db: Kysely<ReadModelSchema>,
  dialect: ReadModelDialect,
  { insert, key }: CaseKeyedTable<T>,
  updates: ReadonlyArray<{ row: object; changed: string[] }>,
): Promise<void> {
  if (updates.length === 0) return;
  if (dialect === 'sqlite') {
    const where = key.map((column) => `${column} = ?`).join(' and ');
    for (const { row, changed } of updates) {
      const values = row as Record<string, unknown>;
      const text = `update ${insert.table} set ${changed.map((column) => `${column} = ?`).join(', ')} where ${where}`;
      await runStatement(db, text, [...changed, ...key].map((column) => values[column] ?? null));
    }
    return;
  }
  const values = updates.map(({ row }) => valuesOf(insert, row));
  const { columns, pgTypes } = insert;
  const assignments = columns.filter((c) => !key.includes(c)).map((c) => `${c} = u.${c}`);
  const text =
    `update ${insert.table} as t set ${assignments.join(', ')} ` +
    `from unnest(${pgTypes.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) as u(${columns.join(', ')}) ` +
    `where ${key.map((column) => `t.${column} = u.${column}`).join(' and ')}`;
  await db.executeQuery(CompiledQuery.raw(text, columns.map((_, i) => values.map((row) => row[i]))));
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
    'institution', 'municipality_code', 'pronounced_on', 'gi_notified_on', 'measure_type', 'length_class',
    'opens_verdict_span', 'verdict_span_until', 'verdicts_code',
  ],
  pgTypes: [
    'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'integer', 'integer', 'integer',
    'integer', 'text', 'integer', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text',
    'text', 'integer', 'integer', 'text', 'integer',
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

const SUMMARIES_TABLE: CaseKeyedTable<'case_summaries'> = { insert: SUMMARY, key: ['case_id'], deleteAbsent: false };
const SEGMENTS_TABLE: CaseKeyedTable<'case_status_segments'> = { insert: SEGMENTS, key: ['case_id', 'valid_from'], deleteAbsent: true };
const WAITLIST_TABLE: CaseKeyedTable<'case_waitlist_entries'> = { insert: WAITLIST, key: ['case_id', 'placed_by_event_id'], deleteAbsent: true };
