import { type Kysely, type Migration } from 'kysely';
import { fillChildWaitingSpells } from '../../cases/child-waiting-spells';
import { createKpiAggregates, KPI_AGGREGATES_0009 } from '../../kpi-aggregates';
import { anyUnfinishedRebuild } from '../../runtime/rebuild-marker';
import type { ReadModelSchema } from '../read-model-schema';
import { createSecondaryIndexes, SECONDARY_INDEXES } from '../secondary-indexes';
import { WAITING_LENGTH_INDEXES_0009 } from '../segment-length-classes';

type AnyDb = Kysely<any>;

/**
 * child_waiting_spells (cases/child-waiting-spells.ts) and the per-day aggregate over it, waiting_child_deltas:
 * the waiting series then sums a few thousand deltas instead of reading every waiting segment of its range.
 * The spells are derived from the segments already there, through the new partial index on each child's waiting
 * segments. The waiting segments also get length-class indexes of their own (segment-length-classes.ts), which
 * cover the waiting KPI; unless a rebuild is marked unfinished, whose end derives them (and creates the index and the
 * aggregate) as it does after every rebuild.
 */
export const childWaitingSpellsMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('child_waiting_spells')
      .addColumn('child_ref', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text')
      .addPrimaryKeyConstraint('child_waiting_spells_pk', ['child_ref', 'kind', 'valid_from'])
      .execute();
    const typed = db as Kysely<ReadModelSchema>;
    if (!(await anyUnfinishedRebuild(typed))) {
      // The waiting length-class indexes as this migration made them (on the length CASE; 0011 remakes them).
      await createSecondaryIndexes(typed, [
        ...SECONDARY_INDEXES.filter((index) => index.name === 'case_status_segments_waiting_child'),
        ...WAITING_LENGTH_INDEXES_0009,
      ]);
      await fillChildWaitingSpells(typed);
    }
    await createKpiAggregates(db, KPI_AGGREGATES_0009);
  },
};
