import { type Kysely, type Migration } from 'kysely';
import { anyUnfinishedRebuild } from '../../runtime/rebuild-marker';
import type { ReadModelSchema } from '../read-model-schema';
import { createSecondaryIndexes, SECONDARY_INDEXES } from '../secondary-indexes';

type AnyDb = Kysely<any>;

/**
 * The timeliness KPI's segments by the pronouncement date copied onto them (0008), with the verdicts and the
 * group keys: the segments of a period's cases then lie side by side, and the KPI reads them in one range scan
 * of the index instead of one seek per case into case_status_segments_case_on, whose entries for those cases
 * are spread over the whole index. On the national data a twelve-month window read 25% less CPU warm and,
 * from a cold page cache, a quarter of the time (0.2 s against 0.9 s). Unless a rebuild is marked unfinished:
 * its end creates the index, as it creates them all.
 */
export const segmentsByPronouncementMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    const typed = db as Kysely<ReadModelSchema>;
    if (await anyUnfinishedRebuild(typed)) return;
    await createSecondaryIndexes(
      typed,
      SECONDARY_INDEXES.filter((index) => index.name === 'case_status_segments_pronounced'),
    );
  },
};
