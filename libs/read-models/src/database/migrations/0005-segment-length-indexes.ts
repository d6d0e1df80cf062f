import type { Kysely, Migration } from 'kysely';
import type { ReadModelSchema } from '../read-model-schema';
import { createSecondaryIndexes } from '../secondary-indexes';
import { SEGMENT_LENGTH_INDEXES_0005 } from '../segment-length-classes';

type AnyDb = Kysely<any>;

/**
 * "Active measures on a date" by segment length class (segment-length-classes.ts explains the classes): one
 * partial index per class replaces 0004's case_status_segments_active_on and _waiting_on, which were ordered
 * by valid_from alone and so read every segment that started before the date (most of the table for a recent
 * date). The classes partition the active segments, so the new indexes hold as many entries as active_on did.
 */
export const segmentLengthIndexesMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.dropIndex('case_status_segments_waiting_on').ifExists().execute();
    await db.schema.dropIndex('case_status_segments_active_on').ifExists().execute();
    // The same statements as createSecondaryIndexes makes after a rebuild. With 0005's columns: 0008 extends them.
    await createSecondaryIndexes(db as Kysely<ReadModelSchema>, SEGMENT_LENGTH_INDEXES_0005);
  },
};

/** The indexes this migration creates, for tests. */
export const SEGMENT_LENGTH_INDEX_NAMES = SEGMENT_LENGTH_INDEXES_0005.map((index) => index.name);
