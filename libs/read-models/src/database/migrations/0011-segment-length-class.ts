import { type Kysely, type Migration, sql } from 'kysely';
import { anyUnfinishedRebuild } from '../../runtime/rebuild-marker';
import type { ReadModelSchema } from '../read-model-schema';
import { createSecondaryIndexes } from '../secondary-indexes';
import { LENGTH_CLASS_SQL, SEGMENT_LENGTH_INDEXES, WAITING_LENGTH_INDEXES } from '../segment-length-classes';

type AnyDb = Kysely<any>;

/** The column this migration adds to case_status_segments. */
export const SEGMENT_COLUMNS_0011 = ['length_class'] as const;

/**
 * Each segment's length class (segment-length-classes.ts) stored in case_status_segments.length_class, which the
 * projection writes with the row (lengthClassOf), and the twelve partial length-class indexes (active and
 * waiting) made again on `length_class = k` instead of on the CASE of up to thirty substr/cast calls that
 * 0005 and 0009 indexed by: building those indexes evaluated that CASE for every segment, index after index,
 * about a tenth of a rebuild's CPU. The classes, and so the entries of each index, are the same; the waiting
 * indexes also hold length_class (WAITING_SEGMENT_INDEX_COLUMNS says why).
 *
 * Existing segments get their class from the same CASE expression the old indexes used (LENGTH_CLASS_SQL). The
 * old indexes are dropped first (the update would otherwise maintain them); the new ones are made unless a
 * rebuild is marked unfinished: its end creates them, as it creates them all.
 */
export const segmentLengthClassMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    const typed = db as Kysely<ReadModelSchema>;
    const indexes = [...SEGMENT_LENGTH_INDEXES, ...WAITING_LENGTH_INDEXES];
    for (const index of indexes) await db.schema.dropIndex(index.name).ifExists().execute();
    await db.schema.alterTable('case_status_segments').addColumn('length_class', 'integer').execute();
    await sql`update case_status_segments set length_class = ${sql.raw(LENGTH_CLASS_SQL)}`.execute(db);
    if (await anyUnfinishedRebuild(typed)) return;
    await createSecondaryIndexes(typed, indexes);
  },
};
