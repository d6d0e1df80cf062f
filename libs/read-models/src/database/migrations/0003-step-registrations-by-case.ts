import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

type AnyDb = Kysely<any>;

/**
 * step_registrations keyed by (case_id, event_id) instead of event_id alone. Event ids are unique in the whole
 * log, so the key admits the same rows; but rows written case by case (a rebuild in stream order) now go to the
 * end of the key's index instead of a random place in it, and the live runner finds a case's registrations by
 * (case_id, event_id) in the same index. The separate index on case_id becomes redundant and goes.
 *
 * PostgreSQL changes the key in place. SQLite cannot change a primary key: the table is made anew, the rows
 * copied, the old one dropped and the new one renamed (SQLite's documented procedure; the migrations run in a
 * transaction, so none of it is seen half done), then its other index is made again.
 */
export const stepRegistrationsByCaseMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    if (isPostgres(db)) {
      await sql`alter table step_registrations drop constraint step_registrations_pkey`.execute(db);
      await sql`alter table step_registrations add constraint step_registrations_pk primary key (case_id, event_id)`.execute(db);
      await db.schema.dropIndex('step_registrations_case').ifExists().execute();
      return;
    }
    await db.schema
      .createTable('step_registrations_new')
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('institution', 'text')
      .addColumn('step_type', 'text', (c) => c.notNull())
      .addColumn('happened_on', 'text')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('lag_days', 'integer')
      .addColumn('retracted', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('step_registrations_pk', ['case_id', 'event_id'])
      .execute();
    await sql`insert into step_registrations_new
      (event_id, case_id, institution, step_type, happened_on, recorded_at, lag_days, retracted)
      select event_id, case_id, institution, step_type, happened_on, recorded_at, lag_days, retracted
      from step_registrations order by case_id, event_id`.execute(db);
    await db.schema.dropTable('step_registrations').execute();
    await sql`alter table step_registrations_new rename to step_registrations`.execute(db);
    await db.schema
      .createIndex('step_registrations_institution')
      .on('step_registrations')
      .columns(['institution', 'recorded_at'])
      .execute();
  },
};

const isPostgres = (db: AnyDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
