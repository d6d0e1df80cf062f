import { type Kysely, type Migration, sql } from 'kysely';
import { anyUnfinishedRebuild } from '../../runtime/rebuild-marker';
import type { ReadModelSchema } from '../read-model-schema';
import { createSecondaryIndexes, type SecondaryIndex } from '../secondary-indexes';

type AnyDb = Kysely<any>;

/** The case_summaries column this migration copies onto every segment of the case (as 0008 copied its own). */
export const SEGMENT_CASE_COLUMNS_0010 = ['measure_type'] as const;

/** Replaced by 0013's index of verdict runs, which drops it. */
export const SEGMENTS_BY_PRONOUNCEMENT_0010: SecondaryIndex = {
  name: 'case_status_segments_pronounced',
  table: 'case_status_segments',
  columns: ['pronounced_on', 'valid_from', 'valid_until', 'protector', 'fixed_protector', 'plan', 'help', 'institution', 'municipality_code', 'measure_type'],
};

/**
 * The timeliness KPI's segments by the pronouncement date copied onto them (0008), with the verdicts and every
 * group key, the measure type now copied too: the segments of a period's cases then lie side by side, and the
 * KPI reads them in one range scan of the index instead of one seek per case into case_status_segments_case_on,
 * whose entries for those cases are spread over the whole index. On the national data a twelve-month window
 * read 25% less CPU warm and, from a cold page cache, a quarter of the time (0.2 s against 0.9 s).
 *
 * Existing segments get their measure type from case_summaries, which the projection wrote from the same case
 * state. The index is made unless a rebuild is marked unfinished: its end creates it, as it creates them all.
 */
export const segmentsByPronouncementMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    for (const column of SEGMENT_CASE_COLUMNS_0010) {
      await db.schema.alterTable('case_status_segments').addColumn(column, 'text').execute();
    }
    await sql`update case_status_segments set measure_type = c.measure_type from case_summaries as c where c.case_id = case_status_segments.case_id`.execute(db);
    const typed = db as Kysely<ReadModelSchema>;
    if (await anyUnfinishedRebuild(typed)) return;
    await createSecondaryIndexes(typed, [SEGMENTS_BY_PRONOUNCEMENT_0010]);
  },
};
