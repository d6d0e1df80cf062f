import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<any>;

/**
 * Indexes for the KPI queries (apps/api/src/kpi), one DDL for both dialects. Each is covering for the query it
 * serves, so SQLite answers from the index alone and never reads a case_summaries row (whose state_json makes
 * rows large) or a segment row:
 *
 * - case_summaries_pronounced: measures pronounced in a period (timeliness, inflow), with the group keys, the
 *   end date and the case id to join on.
 * - case_summaries_refs: case_id to the refs and dates the waiting and caseload KPIs read per joined case.
 * - case_status_segments_case_on: the segment of one case that holds on a date (case_id = ? AND valid_from <=
 *   ?), with the four verdicts: timeliness walks the cases of its period and seeks each one's segment here.
 * - case_status_segments_active_on: partial, only segments with an active measure (measure_active = 1), by
 *   valid_from: "all active measures on date D" (waiting, waiting series, caseload) scans only those, with the
 *   waiting flags and the protector in the index. The queries must say `measure_active = 1` with the literal 1.
 * - case_status_segments_waiting_on: partial, only the active segments in which the child waits for help or for a
 *   protector; the waiting KPI's condition, in the same words (literal 1s), selects it.
 * - step_registrations_lag: partial, the rows the registration-lag KPI counts (not retracted, with a lag), by
 *   the date the step happened.
 */
export const kpiIndexesMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createIndex('case_summaries_pronounced')
      .on('case_summaries')
      .columns(['pronounced_on', 'case_id', 'institution', 'municipality_code', 'measure_type', 'ended_on'])
      .execute();
    await db.schema
      .createIndex('case_summaries_refs')
      .on('case_summaries')
      .columns(['case_id', 'child_ref', 'family_ref', 'pronounced_on', 'gi_notified_on', 'institution', 'municipality_code'])
      .execute();
    await db.schema
      .createIndex('case_status_segments_case_on')
      .on('case_status_segments')
      .columns(['case_id', 'valid_from', 'valid_until', 'protector', 'fixed_protector', 'plan', 'help'])
      .execute();
    await db.schema
      .createIndex('case_status_segments_active_on')
      .on('case_status_segments')
      .columns(['valid_from', 'valid_until', 'case_id', 'protector_ref', 'waiting_for_help', 'waiting_for_protector', 'help_waitlist_entry_id'])
      .where(sql.ref('measure_active'), '=', sql.lit(1))
      .execute();
    // Smaller still: the segments in which a child with an active measure waits (the waiting KPI's rows).
    await sql`create index case_status_segments_waiting_on on case_status_segments (valid_from, valid_until, case_id) where measure_active = 1 and (waiting_for_help = 1 or waiting_for_protector = 1)`.execute(db);
    await db.schema
      .createIndex('step_registrations_lag')
      .on('step_registrations')
      .columns(['happened_on', 'institution', 'lag_days'])
      .where(sql.ref('retracted'), '=', sql.lit(0))
      .where(sql.ref('lag_days'), 'is not', null)
      .execute();
  },
  async down(db: AnyDb): Promise<void> {
    for (const name of [
      'step_registrations_lag',
      'case_status_segments_waiting_on',
      'case_status_segments_active_on',
      'case_status_segments_case_on',
      'case_summaries_refs',
      'case_summaries_pronounced',
    ]) {
      await db.schema.dropIndex(name).ifExists().execute();
    }
  },
};

/** The indexes this migration creates, for tests. */
export const KPI_INDEXES = [
  'case_summaries_pronounced',
  'case_summaries_refs',
  'case_status_segments_case_on',
  'case_status_segments_active_on',
  'case_status_segments_waiting_on',
  'step_registrations_lag',
] as const;
