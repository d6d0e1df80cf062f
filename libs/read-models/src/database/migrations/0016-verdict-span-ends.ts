import { type Kysely, type Migration, sql } from 'kysely';
import { VERDICTS_CODE_SQL } from '../../cases/verdict-spans';
import { anyUnfinishedRebuild } from '../../runtime/rebuild-marker';
import type { ReadModelSchema } from '../read-model-schema';
import { createSecondaryIndexes, SECONDARY_INDEXES, VERDICT_SPAN_ENDS_INDEX } from '../secondary-indexes';
import { VERDICT_SPANS_0013 } from './0013-verdict-spans';

/** The column this migration adds to case_status_segments. */
export const SEGMENT_COLUMNS_0016 = ['verdicts_code'] as const;

/**
 * The timeliness KPI reads the runs of equal verdicts that hold on its date. 0013's index ordered a period's runs
 * by pronouncement and then by their start, so the KPI read every run of every case in the period to keep one
 * in five (nationally, a twelve-month window read about 171,000 entries to keep 33,000). This one orders them by
 * pronouncement and then by the run's end, and the KPI seeks per day of the period to the runs still open and to
 * those that end after its date, passing over the runs that ended before it. It carries the run's four verdicts
 * as one integer (verdicts_code), which the KPI groups by instead of four texts. The code is backfilled on the
 * runs' first segments from their verdicts; the index is made unless a rebuild is marked unfinished: its end
 * creates it, as it creates them all.
 */
export const verdictSpanEndsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex(VERDICT_SPANS_0013.name).ifExists().execute();
    await db.schema.alterTable('case_status_segments').addColumn('verdicts_code', 'integer').execute();
    await sql`update case_status_segments set verdicts_code = ${sql.raw(VERDICTS_CODE_SQL)} where opens_verdict_span = 1`.execute(db);
    const typed = db as Kysely<ReadModelSchema>;
    if (await anyUnfinishedRebuild(typed)) return;
    await createSecondaryIndexes(typed, SECONDARY_INDEXES.filter((index) => index.name === VERDICT_SPAN_ENDS_INDEX));
  },
};
