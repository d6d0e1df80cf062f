import type { Kysely, Migration } from 'kysely';

/**
 * The first read models. One DDL for both dialects: 'bigint', 'integer' and 'text' mean the same in PostgreSQL
 * and SQLite (where 'bigint' gets INTEGER affinity, so positions compare numerically there too).
 *
 * Migrations see the database as it was at their time, not as the current schema types describe it, hence
 * Kysely<any> (Kysely's own advice for migrations).
 */
type AnyDb = Kysely<any>;

export const caseReadModelsMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('projection_checkpoints')
      .addColumn('projection', 'text', (c) => c.primaryKey())
      .addColumn('position', 'bigint')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('read_model_leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('case_summaries')
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('institution', 'text')
      .addColumn('municipality_code', 'text')
      .addColumn('measure_type', 'text')
      .addColumn('child_ref', 'text')
      .addColumn('family_ref', 'text')
      .addColumn('current_protector_ref', 'text')
      .addColumn('pronounced_on', 'text')
      .addColumn('gi_notified_on', 'text')
      .addColumn('ends_on', 'text')
      .addColumn('ended_on', 'text')
      .addColumn('end_reason', 'text')
      .addColumn('last_step_on', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('last_position', 'bigint', (c) => c.notNull())
      .addColumn('recorded_first_at', 'text', (c) => c.notNull())
      .addColumn('state_json', 'text', (c) => c.notNull())
      .execute();
    // The analysts' filters: per institution and per paying municipality.
    await db.schema.createIndex('case_summaries_institution').on('case_summaries').column('institution').execute();
    await db.schema
      .createIndex('case_summaries_municipality')
      .on('case_summaries')
      .column('municipality_code')
      .execute();

    await db.schema
      .createTable('case_waitlist_entries')
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('placed_by_event_id', 'text', (c) => c.notNull())
      .addColumn('entry_id', 'text', (c) => c.notNull())
      .addColumn('waiting_for', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('left_on', 'text')
      .addColumn('outcome', 'text')
      .addColumn('help_type', 'text')
      .addColumn('provider', 'text')
      .addColumn('reason', 'text')
      .addColumn('retracted', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_waitlist_entries_pk', ['case_id', 'placed_by_event_id'])
      .execute();
    // "Children waiting now, for what": open entries by waiting_for.
    await db.schema
      .createIndex('case_waitlist_entries_waiting')
      .on('case_waitlist_entries')
      .columns(['waiting_for', 'left_on'])
      .execute();

    await db.schema
      .createTable('step_registrations')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('institution', 'text')
      .addColumn('step_type', 'text', (c) => c.notNull())
      .addColumn('happened_on', 'text')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('lag_days', 'integer')
      .addColumn('retracted', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('step_registrations_case').on('step_registrations').column('case_id').execute();
    await db.schema
      .createIndex('step_registrations_institution')
      .on('step_registrations')
      .columns(['institution', 'recorded_at'])
      .execute();
  },
};
