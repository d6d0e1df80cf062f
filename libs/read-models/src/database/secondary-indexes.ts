import { type Kysely, sql } from 'kysely';
import { anyUnfinishedRebuild } from '../runtime/rebuild-marker';
import type { ReadModelDialect } from './open-read-model-database';
import type { ReadModelSchema, ReadModelTableName } from './read-model-schema';
import { SEGMENT_LENGTH_INDEXES, WAITING_LENGTH_INDEXES } from './segment-length-classes';
import { withTempStorageOnDisk } from './temp-storage';
import { WAITING_SEGMENT, WAITING_SEGMENT_COLUMNS } from '../cases/child-waiting-spells';
import { PROTECTOR_SEGMENT, PROTECTOR_SEGMENT_COLUMNS } from '../cases/protector-caseloads';
import { aggregatesOn, dialectOf, missingKpiAggregates, restoreKpiAggregates, suspendKpiAggregates } from '../kpi-aggregates';

/**
 * The read-model indexes whose leading column is not case_id: the analysts' filters and the KPI scans. The
 * migrations create them (0001, 0004, 0005, 0009, 0011, 0015, 0016), with exactly these definitions; a test compares them with the migrated
 * schema, so a new one added by a migration must be added here too.
 *
 * A rebuild in stream order writes the rows case by case, so every index that leads with case_id (the primary
 * keys) grows at its end - cheap - while these take each row at a random place. That rebuild drops them in its
 * first transaction (the one that sets the unfinished-rebuild marker) and creates them again, in one sort each,
 * in its last (the one that clears it): without a marker they exist. A rebuild that dies leaves the marker and
 * no indexes; the next rebuild creates them at its end, and opening the database creates any that are missing
 * when no rebuild is marked unfinished (ensureSecondaryIndexes).
 *
 * The KPI pre-aggregates (kpi-aggregates/) ride along: their triggers would cost a rebuild a write per row, so
 * dropping the indexes of a table also drops the triggers of the aggregates over it (and empties those), and
 * creating them again recomputes each such aggregate with one GROUP BY and makes its triggers again.
 */
export interface SecondaryIndex {
  name: string;
  table: ReadModelTableName;
  columns: readonly string[];
  /** A partial index's condition, as SQL the same in both dialects. */
  where?: string;
}

/** The timeliness KPI's index (0016); the query's plan tests name it. */
export const VERDICT_SPAN_ENDS_INDEX = 'case_status_segments_verdict_span_ends';

export const SECONDARY_INDEXES: readonly SecondaryIndex[] = [
  { name: 'case_summaries_institution', table: 'case_summaries', columns: ['institution'] },
  { name: 'case_summaries_municipality', table: 'case_summaries', columns: ['municipality_code'] },
  { name: 'case_waitlist_entries_waiting', table: 'case_waitlist_entries', columns: ['waiting_for', 'left_on'] },
  { name: 'step_registrations_institution', table: 'step_registrations', columns: ['institution', 'recorded_at'] },
  // 0004, the KPI queries' covering indexes (the others of 0004 lead with case_id).
  {
    name: 'case_summaries_pronounced',
    table: 'case_summaries',
    columns: ['pronounced_on', 'case_id', 'institution', 'municipality_code', 'measure_type', 'ended_on'],
  },
  // 0005: active segments by length class (segment-length-classes.ts); they replace 0004's active_on and waiting_on.
  // 0011 made them (and 0009's waiting ones) again on the stored length_class.
  ...SEGMENT_LENGTH_INDEXES,
  // 0009: each child's waiting segments, from which its merged waiting spells are derived (cases/child-waiting-spells.ts),
  // and the waiting segments by length class, covering the waiting KPI.
  {
    name: 'case_status_segments_waiting_child',
    table: 'case_status_segments',
    columns: WAITING_SEGMENT_COLUMNS,
    where: WAITING_SEGMENT,
  },
  ...WAITING_LENGTH_INDEXES,
  // 0016 (replacing 0013's, which replaced 0010's index of every segment): the timeliness KPI's runs of equal
  // verdicts, by the pronouncement of their case and then by the run's end, with the run's verdicts as one code
  // (cases/verdict-spans.ts, migrations/0016-verdict-span-ends.ts).
  {
    name: VERDICT_SPAN_ENDS_INDEX,
    table: 'case_status_segments',
    columns: ['pronounced_on', 'verdict_span_until', 'valid_from', 'verdicts_code', 'institution', 'municipality_code', 'measure_type'],
    where: '"opens_verdict_span" = 1',
  },
  // 0015: each protector's active segments, from which its caseload spans are derived (cases/protector-caseloads.ts),
  // and the spans by length class, covering the caseload KPI.
  {
    name: 'case_status_segments_protector',
    table: 'case_status_segments',
    columns: PROTECTOR_SEGMENT_COLUMNS,
    where: PROTECTOR_SEGMENT,
  },
  {
    name: 'protector_caseload_spans_on',
    table: 'protector_caseload_spans',
    columns: ['length_class', 'valid_from', 'valid_until', 'families', 'cases'],
  },
  {
    name: 'step_registrations_lag',
    table: 'step_registrations',
    columns: ['happened_on', 'institution', 'lag_days'],
    where: '"retracted" = 0 and "lag_days" is not null',
  },
];

export interface RestoreOptions {
  /** The tables whose KPI aggregates to restore (by default those of the indexes). */
  tables?: Iterable<ReadModelTableName>;
  /**
   * Runs once the indexes exist and before the aggregates are computed: a rebuild derives here the rows that
   * span streams (child_waiting_spells), which need the indexes and which an aggregate counts.
   */
  beforeAggregates?: () => Promise<void>;
}

/** The secondary indexes of these tables. */
export const secondaryIndexesOf = (tables: Iterable<ReadModelTableName>): SecondaryIndex[] => {
  const wanted = new Set(tables);
  return SECONDARY_INDEXES.filter((index) => wanted.has(index.table));
};

const tablesOfIndexes = (indexes: readonly SecondaryIndex[]) => new Set(indexes.map((index) => index.table));

/**
 * Drops the indexes, and the triggers of the KPI aggregates over their tables (emptying those aggregates).
 * Call it BEFORE emptying the tables: SQLite erases a whole table in one step only when it has no triggers
 * (with them, DELETE visits every row and fires each row's trigger: about 10x slower), and PostgreSQL's
 * statement triggers would otherwise copy every deleted row into a transition table.
 */
export async function dropSecondaryIndexes(
  db: Kysely<ReadModelSchema>,
  indexes: readonly SecondaryIndex[],
  tables: Iterable<ReadModelTableName> = tablesOfIndexes(indexes),
): Promise<void> {
  for (const index of indexes) await db.schema.dropIndex(index.name).ifExists().execute();
  await suspendKpiAggregates(db, aggregatesOn(tables));
}

/**
 * Creates those of the indexes that do not exist (a no-op for the others), and restores the KPI aggregates over
 * their tables whose triggers are missing. After a restore (a rebuild's end, a repair on opening) PostgreSQL
 * analyzes the tables: the planner's statistics of freshly filled tables are otherwise those of empty ones
 * until autovacuum comes by. SQLite is not analyzed: its KPI plans were the same with statistics (sampled
 * ANALYZE on the national stand-in) except one lookup index, which the queries now name (INDEXED BY), and plans
 * that do not depend on whether a database was ever analyzed are the same on every installation. SQLite sorts
 * on disk meanwhile (temp-storage.ts): the projection keeps its temporary storage in memory, and these sorts are
 * of whole tables.
 */
export async function createSecondaryIndexes(
  db: Kysely<ReadModelSchema>,
  indexes: readonly SecondaryIndex[],
  options: RestoreOptions = {},
): Promise<void> {
  await withTempStorageOnDisk(db, () => createIndexesAndAggregates(db, indexes, options));
}

async function createIndexesAndAggregates(
  db: Kysely<ReadModelSchema>,
  indexes: readonly SecondaryIndex[],
  options: RestoreOptions,
): Promise<void> {
  for (const index of indexes) {
    const create = db.schema.createIndex(index.name).ifNotExists().on(index.table).columns([...index.columns]);
    await (index.where === undefined ? create : create.where(sql.raw<boolean>(index.where))).execute();
  }
  await options.beforeAggregates?.();
  const tables = new Set(options.tables ?? tablesOfIndexes(indexes));
  const restored = await restoreKpiAggregates(db, aggregatesOn(tables));
  if (restored.length > 0 && dialectOf(db) === 'postgres') {
    for (const table of [...tables, ...restored.map((aggregate) => aggregate.table)]) await sql`analyze ${sql.table(table)}`.execute(db);
  }
}

/** The names of those of the indexes that are missing. */
export async function missingSecondaryIndexes(
  db: Kysely<ReadModelSchema>,
  dialect: ReadModelDialect,
  indexes: readonly SecondaryIndex[] = SECONDARY_INDEXES,
): Promise<string[]> {
  const present = new Set(await indexNames(db, dialect));
  return indexes.filter((index) => !present.has(index.name)).map((index) => index.name);
}

/** The names of every index of the read-model database (primary keys' and constraints' included). */
export async function indexNames(db: Kysely<ReadModelSchema>, dialect: ReadModelDialect): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(db);
  return rows.map((row) => row.name);
}

/**
 * On opening the database: creates the secondary indexes that are missing, unless a rebuild is marked
 * unfinished (one running now wants them gone until its end; after one that died, the runner refuses to start
 * and the next rebuild creates them), and restores the KPI aggregates whose triggers are missing. Returns the
 * names of the indexes and aggregate tables it made.
 */
export async function ensureSecondaryIndexes(db: Kysely<ReadModelSchema>, dialect: ReadModelDialect): Promise<string[]> {
  const missing = await missingSecondaryIndexes(db, dialect);
  const aggregates = await missingKpiAggregates(db);
  if (missing.length === 0 && aggregates.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    if (await anyUnfinishedRebuild(trx)) return [];
    await createSecondaryIndexes(trx, SECONDARY_INDEXES.filter((index) => missing.includes(index.name)));
    // An aggregate over a table whose indexes are all there: restored here (createSecondaryIndexes restores only
    // those over the tables of the indexes it was given).
    const restored = await restoreKpiAggregates(trx, aggregates);
    return [...missing, ...restored.map((aggregate) => aggregate.table)];
  });
}
