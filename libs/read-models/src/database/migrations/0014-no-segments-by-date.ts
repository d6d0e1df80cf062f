import type { Kysely, Migration } from 'kysely';

/** The index 0002 made, which this migration drops. */
export const SEGMENTS_BY_DATE_0002 = 'case_status_segments_valid';

/**
 * Drops case_status_segments_valid, (valid_from, valid_until) of every segment: the last query that used it, the
 * protectors' worklist, now finds the cases active on a date through the length-class indexes as the "on a
 * date" KPIs do (nationally 7 ms for one protector instead of 1.7 s). Every segment written, by a command or a
 * rebuild, had one more B-tree to go into for no reader.
 */
export const noSegmentsByDateMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex(SEGMENTS_BY_DATE_0002).ifExists().execute();
  },
};
