import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Kysely, type Migration, sql } from 'kysely';
import { READ_MODEL_MIGRATIONS, READ_MODEL_SQLITE_FILE } from '@app/read-models';
import { describeOnReadModelDatabases } from './support/read-model-databases';

/** Migrations run at open, in code, idempotently, also when two processes open the same database at once. */
describeOnReadModelDatabases('read-model migrations', (databases) => {
  it('creates every table at open, and opening again changes nothing', async () => {
    const target = await databases.newTarget();
    const first = await target.open();
    await first.db.insertInto('projection_checkpoints').values({ projection: 'p', position: '12', updated_at: 'x' }).execute();
    const second = await target.open();
    for (const table of ['projection_checkpoints', 'read_model_leases', 'case_summaries', 'case_waitlist_entries', 'step_registrations'] as const) {
      await expect(second.db.selectFrom(table).selectAll().execute()).resolves.toBeDefined();
    }
    expect(await second.db.selectFrom('projection_checkpoints').select('projection').execute()).toEqual([{ projection: 'p' }]);
    if (target.dialect === 'sqlite') {
      expect(existsSync(join(target.options.dataDir, READ_MODEL_SQLITE_FILE))).toBe(true);
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(second.db);
      expect(rows[0].journal_mode).toBe('wal');
    }
  });

  it('two processes opening a new database at once both end up on the migrated schema', async () => {
    const target = await databases.newTarget();
    const [a, b] = await Promise.all([target.open(), target.open()]);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(b.db);
    expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(READ_MODEL_MIGRATIONS));
    await expect(a.db.selectFrom('case_summaries').selectAll().execute()).resolves.toEqual([]);
  });

  it('takes a further migration (how derived columns will be added) on top of the applied ones', async () => {
    const target = await databases.newTarget();
    await target.open();
    const addColumn: Migration = {
      up: (db: Kysely<any>) => db.schema.alterTable('case_summaries').addColumn('plan_due_on', 'text').execute(),
    };
    const upgraded = await target.open({ migrations: { ...READ_MODEL_MIGRATIONS, '9000_plan_due_on': addColumn } });
    const { rows } = await sql<{ plan_due_on: string | null }>`select plan_due_on from case_summaries`.execute(upgraded.db);
    expect(rows).toEqual([]);
  });
});
