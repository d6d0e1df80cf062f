import type { SecondaryIndex } from './secondary-indexes';

/**
 * "Every active measure on date D" is a stabbing query over intervals [valid_from, valid_until). An index on
 * valid_from (or valid_until) alone answers it by scanning every segment that started before D (or ends after
 * it): half the table's history per query, while only a few percent of the segments hold on D. So the active
 * segments are split by length into classes, each with its own partial index on valid_from: a segment shorter
 * than L that holds on D started after D - L, so each class is scanned over a window of its bound only and
 * about two entries are read per answer (classes grow by factors of four). The open-ended and the very long
 * segments, few, are scanned over their whole valid_from range.
 *
 * The length is measured in "pseudo days", year x 372 + month x 31 + day: plain string and integer functions
 * that both dialects have and may index (text-to-date casts are not immutable in PostgreSQL). A pseudo-day
 * difference is never smaller than the true number of days (a month counts 31, a year 372), so a segment of
 * pseudo length below L that holds on D started later than D - L true days: the bound the queries use.
 *
 * The classes are an exact partition of the active segments (each has a non-null valid_from, and a
 * valid_until either null or a date after it), so a union of the per-class queries yields every active
 * segment on D exactly once. These definitions are part of migration 0005: changing them needs a new migration.
 *
 * Migration 0011 stores each segment's class in a column, length_class, written with the row (lengthClassOf,
 * the same rule in JS) and backfilled by LENGTH_CLASS_SQL; the partial indexes now compare that column with a
 * number instead of evaluating the CASE below (up to thirty substr/cast calls) for every row of every index:
 * that evaluation was about a tenth of a rebuild's CPU. The definitions of 0005 to 0009 are kept below for
 * those migrations, which run on databases without the column.
 */

const pseudoDay = (column: string) =>
  `(cast(substr(${column}, 1, 4) as integer) * 372 + cast(substr(${column}, 6, 2) as integer) * 31 + cast(substr(${column}, 9, 2) as integer))`;

/** valid_until - valid_from in pseudo days; null for the open-ended segment. */
const LENGTH = `${pseudoDay('valid_until')} - ${pseudoDay('valid_from')}`;

export interface SegmentLengthClass {
  index: string;
  /** The partial index's condition; a query must repeat it verbatim for a planner to prove it uses the index. */
  condition: string;
  /** Exclusive upper bound of the class's lengths in (pseudo) days; undefined: unbounded, scanned whole. */
  maxDays?: number;
}

/** Upper bounds of the bounded classes; the last class holds the longer and the open-ended segments. */
const BOUNDS = [16, 64, 256, 1024, 4096] as const;

/**
 * The class number of a segment as one expression, so that each index's condition is a single term
 * (`<class> = k`): SQLite proves a partial index usable from such a term inside a join, but not from a pair of
 * range terms on one expression. A null length (open-ended) falls through to the last class. Migrations 0005
 * to 0009 index by it; 0011 fills length_class with it.
 */
export const LENGTH_CLASS_SQL = `case ${BOUNDS.map((bound, k) => `when ${LENGTH} < ${bound} then ${k}`).join(' ')} else ${BOUNDS.length} end`;

/** The pseudo day of a 'YYYY-MM-DD' date, as pseudoDay computes it in SQL. */
const pseudoDayOf = (date: string): number =>
  Number(date.slice(0, 4)) * 372 + Number(date.slice(5, 7)) * 31 + Number(date.slice(8, 10));

/**
 * LENGTH_CLASS_SQL in JS, for the projection to write with each segment (valid dates only: the timeline's are).
 * A test compares it with the SQL over the segments of a generated log.
 */
export const lengthClassOf = (validFrom: string, validUntil: string | null): number => {
  if (validUntil === null) return BOUNDS.length;
  const length = pseudoDayOf(validUntil) - pseudoDayOf(validFrom);
  for (let k = 0; k < BOUNDS.length; k += 1) if (length < BOUNDS[k]) return k;
  return BOUNDS.length;
};

const classes = (classOf: string): SegmentLengthClass[] => [
  ...BOUNDS.map((bound, k) => ({ index: `case_status_segments_active_${bound}`, condition: `measure_active = 1 and ${classOf} = ${k}`, maxDays: bound })),
  { index: 'case_status_segments_active_long', condition: `measure_active = 1 and ${classOf} = ${BOUNDS.length}` },
];

/** The classes as migrations 0005 to 0009 indexed them: by the CASE expression. */
const SEGMENT_LENGTH_CLASSES_0005 = classes(LENGTH_CLASS_SQL);

/** The classes as they are now (migration 0011): by the stored length_class. */
export const SEGMENT_LENGTH_CLASSES: readonly SegmentLengthClass[] = classes('length_class');

/** What the KPIs read of an active segment as migration 0005 indexed it (0008 replaced it; kept for 0005). */
export const ACTIVE_SEGMENT_INDEX_COLUMNS_0005 = [
  'valid_from',
  'valid_until',
  'case_id',
  'protector_ref',
  'waiting_for_help',
  'waiting_for_protector',
  'help_waitlist_entry_id',
] as const;

/**
 * What the KPIs read of an active segment, so that the classes' indexes cover them (waiting lists aside).
 * Migration 0008 added family_ref, the caseload KPI's count(distinct): with it that query reads the indexes
 * only (on the national stand-in its median fell from 74 to 54 ms). The waiting KPI's case columns are not
 * in them: it reads the table row of its ~11k waiting segments only, and adding them made both KPIs slower.
 */
export const ACTIVE_SEGMENT_INDEX_COLUMNS = [...ACTIVE_SEGMENT_INDEX_COLUMNS_0005, 'family_ref'] as const;

const segmentLengthIndexes = (lengthClasses: readonly SegmentLengthClass[], columns: readonly string[]): readonly SecondaryIndex[] =>
  lengthClasses.map((c) => ({ name: c.index, table: 'case_status_segments', columns, where: c.condition }));

/** The indexes as migration 0005 created them (its columns did not include 0008's family_ref yet). */
export const SEGMENT_LENGTH_INDEXES_0005 = segmentLengthIndexes(SEGMENT_LENGTH_CLASSES_0005, ACTIVE_SEGMENT_INDEX_COLUMNS_0005);

/** The indexes as migration 0008 created them (with family_ref, still on the CASE expression). */
export const SEGMENT_LENGTH_INDEXES_0008 = segmentLengthIndexes(SEGMENT_LENGTH_CLASSES_0005, ACTIVE_SEGMENT_INDEX_COLUMNS);

/** The indexes as they are now (migration 0011: on length_class). */
export const SEGMENT_LENGTH_INDEXES = segmentLengthIndexes(SEGMENT_LENGTH_CLASSES, ACTIVE_SEGMENT_INDEX_COLUMNS);

/**
 * The waiting KPI's segments by the same classes (migration 0009): the active segments that wait for help or
 * for a protector, a few percent of the active ones. Partial indexes of their own, covering every column that
 * KPI reads, so that it reads index entries only instead of the table row of each waiting segment (about
 * 11,000 rows nationally on a date); widening the classes' general indexes with these columns instead made
 * every other KPI read more.
 */
export const WAITING_CONDITION = '(waiting_for_help = 1 or waiting_for_protector = 1)';

const waitingClasses = (lengthClasses: readonly SegmentLengthClass[]): SegmentLengthClass[] =>
  lengthClasses.map((c) => ({
    index: c.index.replace('_active_', '_waiting_'),
    condition: `${c.condition} and ${WAITING_CONDITION}`,
    maxDays: c.maxDays,
  }));

export const WAITING_LENGTH_CLASSES: readonly SegmentLengthClass[] = waitingClasses(SEGMENT_LENGTH_CLASSES);

/** What the waiting KPI reads of each waiting segment (apps/api/src/kpi/waiting.query.ts). */
export const WAITING_KPI_COLUMNS = [
  'child_ref',
  'pronounced_on',
  'gi_notified_on',
  'institution',
  'municipality_code',
  'waiting_for_help',
  'waiting_for_protector',
  'help_waitlist_since',
  'help_waitlist_help_type',
  'help_waitlist_provider',
  'help_waitlist_reason',
] as const;

/** The waiting indexes' columns as migration 0009 made them (their condition named valid_from and valid_until). */
export const WAITING_SEGMENT_INDEX_COLUMNS_0009 = [
  'valid_from',
  'valid_until',
  'case_id',
  ...WAITING_KPI_COLUMNS,
  // Read by no query, but SQLite counts a partial index as covering only when it holds the columns its own
  // condition names (measure_active here; the flags are above), once that condition has an OR or a flag term.
  'measure_active',
] as const;

/** Since 0011 the condition names length_class, so the index holds it too, for the same reason as measure_active. */
export const WAITING_SEGMENT_INDEX_COLUMNS = [...WAITING_SEGMENT_INDEX_COLUMNS_0009, 'length_class'] as const;

const waitingIndexes = (lengthClasses: readonly SegmentLengthClass[], columns: readonly string[]): readonly SecondaryIndex[] =>
  lengthClasses.map((c) => ({ name: c.index, table: 'case_status_segments', columns, where: c.condition }));

/** The waiting indexes as migration 0009 created them (on the CASE expression). */
export const WAITING_LENGTH_INDEXES_0009 = waitingIndexes(waitingClasses(SEGMENT_LENGTH_CLASSES_0005), WAITING_SEGMENT_INDEX_COLUMNS_0009);

/** The waiting indexes as they are now (migration 0011: on length_class, which they hold). */
export const WAITING_LENGTH_INDEXES = waitingIndexes(WAITING_LENGTH_CLASSES, WAITING_SEGMENT_INDEX_COLUMNS);
