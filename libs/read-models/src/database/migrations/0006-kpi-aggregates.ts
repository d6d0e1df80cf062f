import type { Kysely, Migration } from 'kysely';
import { KPI_AGGREGATES, restoreKpiAggregates } from '../../kpi-aggregates';
import { anyUnfinishedRebuild } from '../../runtime/rebuild-marker';

type AnyDb = Kysely<any>;

/**
 * The KPI pre-aggregates (libs/read-models/src/kpi-aggregates): step_lag_days for the registration lag and
 * case_inflow_days for the inflow, each a few rows per day instead of a scan of millions of base rows. Keys are
 * NOT NULL text (a null group is ''), counts integers. The triggers that keep them current are made and the
 * tables filled from the base tables here, unless a rebuild is marked unfinished: that one's end does it
 * (secondary-indexes.ts), as it does for the secondary indexes.
 */
export const kpiAggregatesMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    for (const aggregate of KPI_AGGREGATES) {
      let table = db.schema.createTable(aggregate.table);
      for (const key of aggregate.keys) table = table.addColumn(key, 'text', (c) => c.notNull());
      for (const count of aggregate.counts) table = table.addColumn(count, 'integer', (c) => c.notNull());
      await table.addPrimaryKeyConstraint(`${aggregate.table}_pk`, [...aggregate.keys] as never).execute();
    }
    if (!(await anyUnfinishedRebuild(db))) await restoreKpiAggregates(db, KPI_AGGREGATES);
  },
};
