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
 * range terms on one expression. A null length (open-ended) falls through to the last class.
 */
const CLASS = `case ${BOUNDS.map((bound, k) => `when ${LENGTH} < ${bound} then ${k}`).join(' ')} else ${BOUNDS.length} end`;

export const SEGMENT_LENGTH_CLASSES: readonly SegmentLengthClass[] = [
  ...BOUNDS.map((bound, k) => ({ index: `case_status_segments_active_${bound}`, condition: `measure_active = 1 and ${CLASS} = ${k}`, maxDays: bound })),
  { index: 'case_status_segments_active_long', condition: `measure_active = 1 and ${CLASS} = ${BOUNDS.length}` },
];

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

const segmentLengthIndexes = (columns: readonly string[]): readonly SecondaryIndex[] =>
  SEGMENT_LENGTH_CLASSES.map((c) => ({ name: c.index, table: 'case_status_segments', columns, where: c.condition }));

/** The indexes as migration 0005 created them (its columns did not include 0008's family_ref yet). */
export const SEGMENT_LENGTH_INDEXES_0005 = segmentLengthIndexes(ACTIVE_SEGMENT_INDEX_COLUMNS_0005);

/** The indexes as they are now (migration 0008). */
export const SEGMENT_LENGTH_INDEXES = segmentLengthIndexes(ACTIVE_SEGMENT_INDEX_COLUMNS);

/**
 * The waiting KPI's segments by the same classes (migration 0009): the active segments that wait for help or
 * for a protector, a few percent of the active ones. Partial indexes of their own, covering every column that
 * KPI reads, so that it reads index entries only instead of the table row of each waiting segment (about
 * 11,000 rows nationally on a date); widening the classes' general indexes with these columns instead made
 * every other KPI read more.
 */
export const WAITING_CONDITION = '(waiting_for_help = 1 or waiting_for_protector = 1)';

export const WAITING_LENGTH_CLASSES: readonly SegmentLengthClass[] = SEGMENT_LENGTH_CLASSES.map((c) => ({
  index: c.index.replace('_active_', '_waiting_'),
  condition: `${c.condition} and ${WAITING_CONDITION}`,
  maxDays: c.maxDays,
}));

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

export const WAITING_SEGMENT_INDEX_COLUMNS = [
  'valid_from',
  'valid_until',
  'case_id',
  ...WAITING_KPI_COLUMNS,
  // Read by no query, but SQLite counts a partial index as covering only when it holds the columns its own
  // condition names (measure_active here; the flags are above), once that condition has an OR or a flag term.
  'measure_active',
] as const;

export const WAITING_LENGTH_INDEXES: readonly SecondaryIndex[] = WAITING_LENGTH_CLASSES.map((c) => ({
  name: c.index,
  table: 'case_status_segments',
  columns: WAITING_SEGMENT_INDEX_COLUMNS,
  where: c.condition,
}));
