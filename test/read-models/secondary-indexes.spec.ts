import { type Kysely, sql } from 'kysely';
import {
  caseReadModelProjections,
  ProjectionApplyError,
  READ_MODEL_MIGRATIONS,
  type ReadModelDatabase,
  type ReadModelDialect,
  type ReadModelSchema,
  rebuildReadModels,
} from '@app/read-models';
import { SECONDARY_INDEXES } from '../../libs/read-models/src/database/secondary-indexes';
import { caseProjectionDyingAt } from './support/dying-projection';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { Runners } from './support/runners';
import { dumpReadModels, type TableDump } from './support/table-dump';

interface IndexShape {
  name: string;
  table: string;
  columns: string[];
}

/** Every index of the read-model tables (primary keys included), with its columns in order. */
async function indexesOf(db: Kysely<ReadModelSchema>, dialect: ReadModelDialect): Promise<IndexShape[]> {
  const tables = ['case_summaries', 'case_waitlist_entries', 'step_registrations', 'case_status_segments', 'protector_caseload_spans'];
  if (dialect === 'postgres') {
    const { rows } = await sql<{ name: string; table: string; columns: string }>`
      select i.relname as name, t.relname as table, string_agg(a.attname, ',' order by k.ord) as columns
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
      cross join lateral unnest(x.indkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
      where t.relname in (${sql.join(tables)})
      group by i.relname, t.relname`.execute(db);
    return rows.map((row) => ({ name: row.name, table: row.table, columns: row.columns.split(',') })).sort(byName);
  }
  const { rows } = await sql<{ name: string; table: string }>`
    select name, tbl_name as "table" from sqlite_master where type = 'index' and tbl_name in (${sql.join(tables)})`.execute(db);
  const shapes: IndexShape[] = [];
  for (const row of rows) {
    const info = await sql<{ name: string }>`select name from pragma_index_info(${row.name}) order by seqno`.execute(db);
    shapes.push({ name: row.name, table: row.table, columns: info.rows.map((c) => c.name) });
  }
  return shapes.sort(byName);
}
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Each index's full definition as the database keeps it (sqlite_master.sql, pg_indexes.indexdef). */
async function definitionsOf(db: Kysely<ReadModelSchema>, dialect: ReadModelDialect): Promise<Array<{ name: string; sql: string | null }>> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql from pg_indexes where schemaname = current_schema()`.execute(db)
      : await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'index'`.execute(db);
  // SQLite keeps the statement's text: compared without quotes, case and "if not exists".
  const normal = (text: string | null) =>
    text === null ? null : text.replace(/"/g, '').replace(/\s+/g, ' ').replace(/ if not exists/i, '').toLowerCase();
  return rows.map((row) => ({ name: row.name, sql: dialect === 'sqlite' ? normal(row.sql) : row.sql })).sort(byName);
}
// The case tables' keys lead with case_id; protector_caseload_spans' key leads with protector_ref.
const isPrimaryKey = (index: IndexShape) => index.columns[0] === 'case_id' || /_pk$|^sqlite_autoindex_protector_caseload_spans_/.test(index.name);
const secondary = (indexes: IndexShape[]) => indexes.filter((index) => !isPrimaryKey(index));
const expected = () => SECONDARY_INDEXES.map((index) => ({ name: index.name, table: index.table, columns: [...index.columns] })).sort(byName);

describeOnReadModelDatabases('read-model secondary indexes', (databases) => {
  const runners = new Runners();
  let log: CaseLog;
  let incremental: TableDump;

  beforeAll(async () => {
    log = new CaseLog();
    await generateCaseLog(log, { cases: 12, seed: 5 });
  });
  afterAll(() => log.close());
  afterEach(() => runners.stopAll());
  beforeEach(async () => {
    incremental ??= await runners.liveTables(log, databases);
  });

  const rebuild = (database: ReadModelDatabase, projections = caseReadModelProjections()) =>
    rebuildReadModels({ store: log.store, database, projections, batchSize: 40, order: 'stream' });

  it('the migrations make exactly the listed indexes not led by case_id; every other one leads with it', async () => {
    const database = await databases.openFresh();
    const indexes = await indexesOf(database.db, database.dialect);
    expect(secondary(indexes)).toEqual(expected());
    // step_registrations: keyed by (case_id, event_id) since 0003, no separate case_id index any more.
    expect(indexes.filter((index) => index.table === 'step_registrations').map((index) => index.columns)).toEqual(
      expect.arrayContaining([['case_id', 'event_id'], ['institution', 'recorded_at']]),
    );
    expect(indexes.filter((index) => index.table === 'step_registrations').map((index) => index.columns)).not.toContainEqual(['case_id']);
  });

  it('are there after a rebuild in stream order, and after a failed one followed by a successful one', async () => {
    const target = await databases.newTarget();
    const database = await target.open();
    const migrated = await definitionsOf(database.db, database.dialect);
    await rebuild(database);
    expect(await definitionsOf(database.db, database.dialect)).toEqual(migrated);
    expect(await dumpReadModels(database.db)).toEqual(incremental);

    const failing = caseProjectionDyingAt(2);
    await expect(rebuild(database, [failing])).rejects.toBeInstanceOf(ProjectionApplyError);
    // The dead rebuild left its marker and no secondary indexes; opening the database again leaves them to the
    // next rebuild (the runner refuses to start meanwhile).
    expect(secondary(await indexesOf(database.db, database.dialect))).toEqual([]);
    const reopened = await target.open();
    expect(secondary(await indexesOf(reopened.db, reopened.dialect))).toEqual([]);

    await rebuild(database);
    expect(await definitionsOf(database.db, database.dialect)).toEqual(migrated);
    expect(await dumpReadModels(database.db)).toEqual(incremental);
  });

  it('opening a database whose indexes are missing (and no rebuild unfinished) makes them again', async () => {
    const target = await databases.newTarget();
    const first = await target.open();
    for (const index of SECONDARY_INDEXES) await first.db.schema.dropIndex(index.name).execute();
    expect(secondary(await indexesOf(first.db, first.dialect))).toEqual([]);
    const second = await target.open();
    expect(secondary(await indexesOf(second.db, second.dialect))).toEqual(expected());
    const fresh = await databases.openFresh();
    expect(await definitionsOf(second.db, second.dialect)).toEqual(await definitionsOf(fresh.db, fresh.dialect));
  });

  it('opening does not make them while a rebuild is marked unfinished', async () => {
    const target = await databases.newTarget();
    const first = await target.open();
    await first.db
      .insertInto('projection_checkpoints')
      .values({ projection: 'case-read-models (rebuild unfinished)', position: null, updated_at: 'x' })
      .execute();
    for (const index of SECONDARY_INDEXES) await first.db.schema.dropIndex(index.name).execute();
    const second = await target.open();
    expect(secondary(await indexesOf(second.db, second.dialect))).toEqual([]);
  });

  it('migration 0003 keeps the registrations, now keyed by (case_id, event_id)', async () => {
    const target = await databases.newTarget();
    const before = Object.fromEntries(Object.entries(READ_MODEL_MIGRATIONS).filter(([name]) => name < '0003'));
    const old = await target.open({ migrations: before });
    const rows = [
      { event_id: 'e2', case_id: 'c1', institution: 'i', step_type: 'PlanMade', happened_on: '2024-01-02', recorded_at: '2024-01-03T00:00:00.000Z', lag_days: 1, retracted: 0 as const },
      { event_id: 'e1', case_id: 'c2', institution: null, step_type: 'HelpStarted', happened_on: null, recorded_at: '2024-01-04T00:00:00.000Z', lag_days: null, retracted: 1 as const },
    ];
    await old.db.insertInto('step_registrations').values(rows).execute();
    const migrated = await target.open();
    const after = await migrated.db.selectFrom('step_registrations').selectAll().orderBy('event_id').execute();
    expect(after.map((row) => ({ ...row, lag_days: row.lag_days === null ? null : Number(row.lag_days), retracted: Number(row.retracted) }))).toEqual(
      [...rows].sort((a, b) => a.event_id.localeCompare(b.event_id)),
    );
    // Not rejects.toThrow(): better-sqlite3's error may come from another realm in a jest worker (not instanceof Error).
    const duplicate = await migrated.db.insertInto('step_registrations').values({ ...rows[0], step_type: 'x' }).execute().then(
      () => undefined,
      (error: { message?: string }) => error,
    );
    expect(String(duplicate?.message)).toMatch(/unique|duplicate/i);
    expect(secondary(await indexesOf(migrated.db, migrated.dialect))).toEqual(expected());
  });
});
