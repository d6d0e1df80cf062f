import { type Kysely, type Migration, sql } from 'kysely';
import { anyUnfinishedRebuild } from '../../runtime/rebuild-marker';
import type { ReadModelSchema } from '../read-model-schema';
import { createSecondaryIndexes } from '../secondary-indexes';
import { SEGMENT_LENGTH_INDEXES_0008 } from '../segment-length-classes';

type AnyDb = Kysely<any>;

/** The case_summaries columns copied onto every segment of the case (CaseStatusSegmentTable explains why). */
export const SEGMENT_CASE_COLUMNS = ['child_ref', 'family_ref', 'institution', 'municipality_code', 'pronounced_on', 'gi_notified_on'] as const;

/**
 * case_status_segments gets copies of the case columns that the waiting and caseload KPIs read, so that they
 * no longer look each active case up in case_summaries (about 55,000 index seeks per request at national
 * size). Existing rows are filled from case_summaries in one UPDATE ... FROM (both dialects have it): the
 * projection wrote both from the same case state, so the copies equal what a rebuild would write.
 *
 * The length-class indexes are made again with family_ref (segment-length-classes.ts), unless a rebuild is
 * marked unfinished: it dropped them and its end creates them, with the new columns, as it creates them all.
 */
export const segmentCaseColumnsMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    for (const column of SEGMENT_CASE_COLUMNS) {
      await db.schema.alterTable('case_status_segments').addColumn(column, 'text').execute();
    }
    const assignments = sql.join(SEGMENT_CASE_COLUMNS.map((column) => sql`${sql.id(column)} = ${sql.ref(`c.${column}`)}`));
    await sql`update case_status_segments set ${assignments} from case_summaries as c where c.case_id = case_status_segments.case_id`.execute(db);
    // As this migration made them (on the length CASE; 0011 remakes them on the stored length_class).
    for (const index of SEGMENT_LENGTH_INDEXES_0008) await db.schema.dropIndex(index.name).ifExists().execute();
    if (!(await anyUnfinishedRebuild(db as Kysely<ReadModelSchema>))) await createSecondaryIndexes(db as Kysely<ReadModelSchema>, SEGMENT_LENGTH_INDEXES_0008);
  },
};
