import type { KpiAggregate } from './kpi-aggregate';

/**
 * case_inflow_days (inflow KPI): per day and measure type,
 * - pronounced: the measures pronounced on that day;
 * - gone: the measures that ended, counted on the later of their pronouncement and their end (the first day
 *   from which "pronounced on or before E and ended on or before E" holds for them).
 * Started in a period is the sum of `pronounced` over it, active at E the running sum of `pronounced` minus that
 * of `gone` up to E (period-queries.ts). A measure without a pronouncement date counts in neither, as in the
 * KPI's query over case_summaries; a null measure type is stored as ''.
 */
export const CASE_INFLOW_DAYS: KpiAggregate = {
  table: 'case_inflow_days',
  base: 'case_summaries',
  baseColumns: ['pronounced_on', 'ended_on', 'measure_type'],
  keys: ['day', 'measure_type'],
  counts: ['pronounced', 'gone'],
  contributions: (source, sign) =>
    `select pronounced_on as day, coalesce(measure_type, '') as measure_type, ${sign} as pronounced, 0 as gone ` +
    `from ${source} as c where pronounced_on is not null ` +
    'union all ' +
    `select case when ended_on > pronounced_on then ended_on else pronounced_on end as day, coalesce(measure_type, '') as measure_type, 0 as pronounced, ${sign} as gone ` +
    `from ${source} as c where pronounced_on is not null and ended_on is not null`,
};
