import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { addDays } from '@app/domain';
import type { CaseStatusSegmentTable, ReadModelSchema } from '@app/read-models';
import { SEGMENT_LENGTH_CLASSES, type SegmentLengthClass, WAITING_LENGTH_CLASSES } from '@app/read-models/database/segment-length-classes';

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
export function activeSegmentsBetween<C extends SegmentColumn>(
  db: Kysely<ReadModelSchema>,
  from: string,
  to: string,
  columns: readonly C[],
  classes: readonly SegmentLengthClass[] = SEGMENT_LENGTH_CLASSES,
) {
  const arms = classes.map((lengthClass) => {
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

/** Those of them that wait for help or a protector, through the waiting segments' own classes (migration 0009). */
export const waitingSegmentsOn = <C extends SegmentColumn>(db: Kysely<ReadModelSchema>, date: string, columns: readonly C[]) =>
  activeSegmentsBetween(db, date, date, columns, WAITING_LENGTH_CLASSES);

/**
 * activeSegmentsOn as `s`: the base of the "on a date" KPIs. Each segment carries copies of its case's refs and
 * dates (migration 0008), so no case is looked up in case_summaries. Typed as if `s` had every segment column
 * (Kysely cannot follow a generic column list through the subquery); only `columns` are selected, so name
 * every `s.` column the query reads.
 */
export function activeCasesOn(db: Kysely<ReadModelSchema>, date: string, columns: readonly SegmentColumn[]) {
  const segments = activeSegmentsOn(db, date, [...new Set<SegmentColumn>(['case_id', ...columns])]) as unknown as SelectQueryBuilder<
    ReadModelSchema,
    'case_status_segments',
    CaseStatusSegmentTable
  >;
  return db.selectFrom(segments.as('s'));
}
