import { type Kysely, type SelectQueryBuilder, SqliteAdapter, sql } from 'kysely';
import { addDays } from '@app/domain';
import type { CaseStatusSegmentTable, ReadModelSchema } from '@app/read-models';
import { SEGMENT_LENGTH_CLASSES, type SegmentLengthClass } from '@app/read-models/database/segment-length-classes';

type SegmentColumn = keyof CaseStatusSegmentTable & string;

/**
 * The earliest valid_from a segment of the class can have and still hold on `date` (a class's segments are
 * shorter than maxDays), or undefined when the class is unbounded or the bound falls before year 1.
 */
export function earliestStart(lengthClass: SegmentLengthClass, date: string): string | undefined {
  if (lengthClass.maxDays === undefined) return undefined;
  try {
    return addDays(date, -(lengthClass.maxDays - 1));
  } catch {
    return undefined;
  }
}

/**
 * The segments with an active measure that hold on some date in [from, to] (valid_from <= to, valid_until null
 * or after from), as a union of one range scan per length class (libs/read-models/src/database/
 * segment-length-classes.ts): each arm repeats its class's condition verbatim so that both planners use the
 * class's partial index, and reads valid_from only over the window in which a segment of that class can reach
 * `from`. The classes partition the active segments, so each is returned once. Only the named columns are read
 * (the indexes cover the KPIs' columns).
 */
export function activeSegmentsBetween<C extends SegmentColumn>(db: Kysely<ReadModelSchema>, from: string, to: string, columns: readonly C[]) {
  const arms = SEGMENT_LENGTH_CLASSES.map((lengthClass) => {
    const earliest = earliestStart(lengthClass, from);
    return db
      .selectFrom('case_status_segments')
      .select([...columns])
      .where(sql.raw<boolean>(lengthClass.condition))
      .$if(earliest !== undefined, (q) => q.where('valid_from', '>=', earliest as string))
      .where('valid_from', '<=', to)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', from)]));
  });
  return arms.slice(1).reduce((union, arm) => union.unionAll(arm), arms[0]);
}

/** The segments with an active measure that hold on `date` (valid_from <= date < valid_until). */
export const activeSegmentsOn = <C extends SegmentColumn>(db: Kysely<ReadModelSchema>, date: string, columns: readonly C[]) =>
  activeSegmentsBetween(db, date, date, columns);

/**
 * activeSegmentsOn as `s`, joined to each case's summary as `c`: the base of the "on a date" KPIs. Typed as if
 * `s` had every segment column (Kysely cannot follow a generic column list through the join); only `columns`
 * are selected, so name every `s.` column the query reads.
 */
export function activeCasesOn(db: Kysely<ReadModelSchema>, date: string, columns: readonly SegmentColumn[]) {
  const segments = activeSegmentsOn(db, date, [...new Set<SegmentColumn>(['case_id', ...columns])]) as unknown as SelectQueryBuilder<
    ReadModelSchema,
    'case_status_segments',
    CaseStatusSegmentTable
  >;
  return db.selectFrom(segments.as('s')).innerJoin(summariesForJoin(db), 'c.case_id', 's.case_id');
}

/**
 * case_summaries as `c`, in SQLite through case_summaries_refs (case_id, child_ref, family_ref, pronounced_on,
 * gi_notified_on, institution, municipality_code): it covers what the "on a date" KPIs read of a case. Without
 * statistics (no ANALYZE has run) SQLite takes the primary key's index and then reads each case's table row,
 * state_json and all; the hint keeps the plan the same whether or not a database was ever analyzed. The raw
 * expression is typed as the plain table name so that Kysely still knows `c`'s columns. PostgreSQL takes no
 * hints.
 */
export const summariesForJoin = (db: Kysely<ReadModelSchema>): 'case_summaries as c' =>
  db.getExecutor().adapter instanceof SqliteAdapter
    ? (sql`${sql.table('case_summaries')} as ${sql.id('c')} indexed by ${sql.id('case_summaries_refs')}` as unknown as 'case_summaries as c')
    : 'case_summaries as c';
