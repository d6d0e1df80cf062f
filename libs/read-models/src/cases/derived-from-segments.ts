import { type Kysely, sql } from 'kysely';
import { type BulkInsert, insertRows, valuesOf } from '../database/bulk-insert';
import type { ReadModelSchema } from '../database/read-model-schema';
import { dialectOf } from '../kpi-aggregates';

export type DerivedTableName = 'child_waiting_spells' | 'protector_caseload_spans';

/**
 * A table whose rows span cases and are derived from case_status_segments alone, per owner (a child's waiting
 * spells, a protector's caseload): an owner's rows are a function of that owner's segments of one kind, found
 * through a partial index leading with the owner's column. When a write changes an owner's segments, its rows
 * are derived again and only the difference is written; after a rebuild, or when a migration adds the table,
 * all of them in one pass in owner order.
 */
export interface SegmentDerivedTable<T extends DerivedTableName, Row, Segment> {
  insert: BulkInsert<T>;
  /** The owner's column, in the segments and in the table alike. */
  owner: 'child_ref' | 'protector_ref';
  /** The partial index's condition on the segments, repeated verbatim so that its queries use the index. */
  segmentCondition: string;
  /** The segment columns the rows are derived from (the partial index covers them). */
  segmentColumns: readonly string[];
  /** One owner's rows from its segments (in any order). */
  derive(owner: string, segments: readonly Segment[]): Row[];
}

/** What refreshing an owner's rows by difference needs besides. */
export interface RefreshedDerivedTable<T extends DerivedTableName, Row, Segment> extends SegmentDerivedTable<T, Row, Segment> {
  /** The table's primary key, which a row that is no longer wanted is deleted by. */
  key: readonly string[];
  /** The row's whole content as text, to tell a stored row that is still wanted. */
  identity(row: Row): string;
}

/** Owners per IN (...) list, well under both dialects' parameter limits. */
const OWNERS_PER_QUERY = 500;

/** Derives these owners' rows again from their segments and writes the difference. */
export async function refreshDerivedRows<T extends DerivedTableName, Row, Segment>(
  db: Kysely<ReadModelSchema>,
  table: RefreshedDerivedTable<T, Row, Segment>,
  ownerRefs: Iterable<string>,
): Promise<void> {
  const owners = [...new Set(ownerRefs)];
  for (let start = 0; start < owners.length; start += OWNERS_PER_QUERY) {
    await refreshChunk(db, table, owners.slice(start, start + OWNERS_PER_QUERY));
  }
}

/**
 * Most calls read two small index ranges and write nothing: a segment split in two leaves a merged spell as it
 * was, and a verdict's change leaves a caseload alone.
 */
async function refreshChunk<T extends DerivedTableName, Row, Segment>(db: Kysely<ReadModelSchema>, table: RefreshedDerivedTable<T, Row, Segment>, owners: readonly string[]): Promise<void> {
  const name = table.insert.table;
  const segments = await segmentsWhere(db, table, sql`${sql.ref(table.owner)} in (${sql.join(owners)})`);
  const { rows: stored } = await sql<Row>`select * from ${sql.table(name)} where ${sql.ref(table.owner)} in (${sql.join(owners)})`.execute(db);
  const wanted = new Map<string, Row>();
  for (const row of rowsByOwner(table, owners, segments)) wanted.set(table.identity(row), row);
  const gone = stored.filter((row) => !wanted.delete(table.identity(row)));
  for (const row of gone) {
    const values = row as Record<string, unknown>;
    const matches = table.key.map((column) => sql`${sql.ref(column)} = ${values[column]}`);
    await sql`delete from ${sql.table(name)} where ${sql.join(matches, sql` and `)}`.execute(db);
  }
  await insertRows(db, dialectOf(db), table.insert, [...wanted.values()].map((row) => valuesOf(table.insert, row as object)));
}

/** Owners per page when the table is filled from scratch. */
const FILL_PAGE = 1000;

/**
 * Fills the emptied table from every segment of the kind, a page of owners at a time in owner order through the
 * partial index (a page's segments in memory, whole owners only). Paged rather than streamed: better-sqlite3
 * writes nothing while a statement iterates. Answers the rows written.
 */
export async function fillDerivedRows<T extends DerivedTableName, Row, Segment>(db: Kysely<ReadModelSchema>, table: SegmentDerivedTable<T, Row, Segment>): Promise<number> {
  const owner = sql.ref(table.owner);
  let written = 0;
  let after: string | undefined;
  for (;;) {
    const { rows: page } = await sql<{ owner: string }>`
      select distinct ${owner} as owner from case_status_segments
      where ${sql.raw(table.segmentCondition)} and ${owner} is not null ${after === undefined ? sql`` : sql`and ${owner} > ${after}`}
      order by ${owner} limit ${FILL_PAGE}`.execute(db);
    if (page.length === 0) return written;
    const owners = page.map((row) => row.owner);
    const segments = await segmentsWhere(db, table, sql`${owner} >= ${owners[0]} and ${owner} <= ${owners[owners.length - 1]}`);
    const rows = rowsByOwner(table, owners, segments).map((row) => valuesOf(table.insert, row as object));
    await insertRows(db, dialectOf(db), table.insert, rows);
    written += rows.length;
    after = owners[owners.length - 1];
  }
}

async function segmentsWhere<T extends DerivedTableName, Row, Segment>(db: Kysely<ReadModelSchema>, table: SegmentDerivedTable<T, Row, Segment>, owners: ReturnType<typeof sql>) {
  const columns = sql.join(table.segmentColumns.map((column) => sql.ref(column)));
  const { rows } = await sql<Segment>`select ${columns} from case_status_segments where ${sql.raw(table.segmentCondition)} and ${owners}`.execute(db);
  return rows;
}

function rowsByOwner<T extends DerivedTableName, Row, Segment>(table: SegmentDerivedTable<T, Row, Segment>, owners: readonly string[], segments: readonly Segment[]): Row[] {
  const byOwner = groupByOwner(table.owner, owners, segments);
  return [...byOwner].flatMap(([owner, ofOwner]) => table.derive(owner, ofOwner));
}

/** The rows by their owner's column, every owner given present (with none when it has none). */
export function groupByOwner<R>(column: string, owners: readonly string[], rows: readonly R[]): Map<string, R[]> {
  const byOwner = new Map<string, R[]>(owners.map((owner) => [owner, []]));
  for (const row of rows) byOwner.get((row as Record<string, unknown>)[column] as string)?.push(row);
  return byOwner;
}
