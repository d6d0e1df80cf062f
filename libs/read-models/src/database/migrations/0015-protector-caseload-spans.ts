import type { Kysely, Migration } from 'kysely';
import { fillProtectorCaseloadSpans } from '../../cases/protector-caseloads';
import { anyUnfinishedRebuild } from '../../runtime/rebuild-marker';
import type { ReadModelSchema } from '../read-model-schema';
import { createSecondaryIndexes, SECONDARY_INDEXES } from '../secondary-indexes';

/** The indexes this migration adds (secondary-indexes.ts keeps their definitions). */
export const CASELOAD_INDEXES_0015 = ['case_status_segments_protector', 'protector_caseload_spans_on'];

/**
 * protector_caseload_spans (cases/protector-caseloads.ts): the caseload KPI reads each protector's families on a
 * date from one span instead of grouping the active segments. The spans are derived from the segments already
 * there, through the new partial index on each protector's active segments; unless a rebuild is marked
 * unfinished, whose end derives them (and creates the indexes) as it does after every rebuild.
 */
export const protectorCaseloadSpansMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('protector_caseload_spans')
      .addColumn('protector_ref', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text')
      .addColumn('families', 'integer', (c) => c.notNull())
      .addColumn('cases', 'integer', (c) => c.notNull())
      .addColumn('length_class', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('protector_caseload_spans_pk', ['protector_ref', 'valid_from'])
      .execute();
    const typed = db as Kysely<ReadModelSchema>;
    if (await anyUnfinishedRebuild(typed)) return;
    await createSecondaryIndexes(typed, SECONDARY_INDEXES.filter((index) => CASELOAD_INDEXES_0015.includes(index.name)));
    await fillProtectorCaseloadSpans(typed);
  },
};
