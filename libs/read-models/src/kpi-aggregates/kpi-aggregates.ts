import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { ACTIVE_MEASURE_DELTAS } from './active-measure-deltas';
import { CASE_INFLOW_DAYS } from './case-inflow-days';
import type { AggregateDialect, KpiAggregate } from './kpi-aggregate';
import { createTriggerStatements, dropTriggerStatements } from './kpi-aggregate-triggers';
import { recomputeStatements, triggerNames } from './kpi-aggregate';
import { STEP_LAG_DAYS } from './step-lag-days';
import { WAITING_CHILD_DELTAS } from './waiting-child-deltas';
import { anyUnfinishedRebuild } from '../runtime/rebuild-marker';

/** The aggregates migration 0006 creates (a migration's list is fixed: a later aggregate has its own). */
export const KPI_AGGREGATES_0006: readonly KpiAggregate[] = [STEP_LAG_DAYS, CASE_INFLOW_DAYS];

/** The aggregates migration 0007 creates. */
export const KPI_AGGREGATES_0007: readonly KpiAggregate[] = [ACTIVE_MEASURE_DELTAS];

/** The aggregates migration 0009 creates. */
export const KPI_AGGREGATES_0009: readonly KpiAggregate[] = [WAITING_CHILD_DELTAS];

/** Every KPI pre-aggregate. */
export const KPI_AGGREGATES: readonly KpiAggregate[] = [...KPI_AGGREGATES_0006, ...KPI_AGGREGATES_0007, ...KPI_AGGREGATES_0009];

type AnyDb = Kysely<any>;

export const dialectOf = (db: AnyDb): AggregateDialect => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

const run = async (db: AnyDb, statements: readonly string[]) => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

/**
 * Creates the aggregates' tables (keys NOT NULL text, counts NOT NULL integers) and, unless a rebuild is marked
 * unfinished (its end does it, secondary-indexes.ts), their triggers and contents from the base tables: the
 * body of each migration that adds aggregates.
 */
export async function createKpiAggregates(db: AnyDb, aggregates: readonly KpiAggregate[]): Promise<void> {
  for (const aggregate of aggregates) {
    let table = db.schema.createTable(aggregate.table);
    for (const key of aggregate.keys) table = table.addColumn(key, 'text', (c) => c.notNull());
    for (const count of aggregate.counts) table = table.addColumn(count, 'integer', (c) => c.notNull());
    await table.addPrimaryKeyConstraint(`${aggregate.table}_pk`, [...aggregate.keys] as never).execute();
  }
  if (!(await anyUnfinishedRebuild(db))) await restoreKpiAggregates(db, aggregates);
}

/** The aggregates over these base tables. */
export const aggregatesOn = (tables: Iterable<string>): KpiAggregate[] => {
  const wanted = new Set(tables);
  return KPI_AGGREGATES.filter((aggregate) => wanted.has(aggregate.base));
};

/**
 * Stops maintaining the aggregates (a rebuild is about to write their base tables row by row) and empties them,
 * so that nobody reads counts that no longer follow the base tables; restoreKpiAggregates fills them again.
 */
export async function suspendKpiAggregates(db: AnyDb, aggregates: readonly KpiAggregate[]): Promise<void> {
  const dialect = dialectOf(db);
  for (const aggregate of aggregates) {
    await run(db, dropTriggerStatements(aggregate, dialect));
    await run(db, [`delete from ${aggregate.table}`]);
  }
}

/**
 * Makes those of the aggregates whose triggers are missing (or incomplete) whole again: triggers first (in
 * PostgreSQL, CREATE TRIGGER locks out concurrent writers of the base table until the transaction ends, so none
 * slips between the recompute and the triggers; SQLite has one writer anyway), then one GROUP BY over the base
 * table. Call it in a transaction. Returns the aggregates it restored.
 */
export async function restoreKpiAggregates(db: AnyDb, aggregates: readonly KpiAggregate[]): Promise<KpiAggregate[]> {
  const dialect = dialectOf(db);
  const restored = await missingKpiAggregates(db, aggregates);
  for (const aggregate of restored) {
    await run(db, dropTriggerStatements(aggregate, dialect));
    await run(db, createTriggerStatements(aggregate, dialect));
    await run(db, recomputeStatements(aggregate));
  }
  return restored;
}

/**
 * The aggregates whose triggers are missing (or incomplete). One whose table does not exist yet is not missing:
 * a migration before the aggregate's own (0005 makes its indexes with createSecondaryIndexes) finds no table to
 * fill, and the migration that creates the table fills it.
 */
export async function missingKpiAggregates(db: AnyDb, aggregates: readonly KpiAggregate[] = KPI_AGGREGATES): Promise<KpiAggregate[]> {
  const dialect = dialectOf(db);
  const present = new Set(await triggersPresent(db, dialect));
  const tables = new Set(await tablesPresent(db, dialect));
  return aggregates.filter((aggregate) => tables.has(aggregate.table) && !triggerNames(aggregate).every(({ name }) => present.has(name)));
}

async function tablesPresent(db: AnyDb, dialect: AggregateDialect): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return rows.map((row) => row.name);
}

async function triggersPresent(db: AnyDb, dialect: AggregateDialect): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select t.tgname as name from pg_trigger t
          join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and not t.tgisinternal`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(db);
  return rows.map((row) => row.name);
}
