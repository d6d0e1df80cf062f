import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<any>;

/**
 * case_status_segments: each case's verdicts and waiting status as constant segments of business time
 * [valid_from, valid_until), from the domain's caseTimeline. A KPI "as of D" is then one range condition per
 * case, and gives exactly what the norm engine gives for that case on D.
 */
export const caseStatusSegmentsMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('case_status_segments')
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text')
      .addColumn('protector', 'text', (c) => c.notNull())
      .addColumn('fixed_protector', 'text', (c) => c.notNull())
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('help', 'text', (c) => c.notNull())
      .addColumn('protector_deadline', 'text')
      .addColumn('plan_deadline', 'text')
      .addColumn('help_deadline', 'text')
      .addColumn('measure_active', 'integer', (c) => c.notNull())
      .addColumn('help_started', 'integer', (c) => c.notNull())
      .addColumn('waiting_for_help', 'integer', (c) => c.notNull())
      .addColumn('protector_assigned', 'integer', (c) => c.notNull())
      .addColumn('protector_ref', 'text')
      .addColumn('waiting_for_protector', 'integer', (c) => c.notNull())
      .addColumn('help_waitlist_entry_id', 'text')
      .addColumn('help_waitlist_since', 'text')
      .addColumn('help_waitlist_help_type', 'text')
      .addColumn('help_waitlist_provider', 'text')
      .addColumn('help_waitlist_reason', 'text')
      .addPrimaryKeyConstraint('case_status_segments_pk', ['case_id', 'valid_from'])
      .execute();
    // KPI queries select the segment valid on a date across all cases.
    await db.schema.createIndex('case_status_segments_valid').on('case_status_segments').columns(['valid_from', 'valid_until']).execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.dropTable('case_status_segments').execute();
  },
};
