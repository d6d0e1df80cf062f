import type { Kysely, Migration } from 'kysely';
import { createKpiAggregates, KPI_AGGREGATES_0006 } from '../../kpi-aggregates';

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
    await createKpiAggregates(db, KPI_AGGREGATES_0006);
  },
};
