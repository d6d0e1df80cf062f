import type { Kysely, Migration } from 'kysely';
import { createKpiAggregates, KPI_AGGREGATES_0007 } from '../../kpi-aggregates';

type AnyDb = Kysely<any>;

/**
 * active_measure_deltas (kpi-aggregates/active-measure-deltas.ts): the active measures of the waiting series as
 * per-day changes, a few thousand rows, instead of every active segment over the series' range (millions over
 * years). Made like 0006's aggregates: triggers on case_status_segments and one GROUP BY over it, unless a
 * rebuild is marked unfinished (its end does it).
 */
export const activeMeasureDeltasMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await createKpiAggregates(db, KPI_AGGREGATES_0007);
  },
};
