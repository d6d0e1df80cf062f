import type { KpiAggregate } from './kpi-aggregate';

/**
 * The region's indicator rule (seed 001): a step should be registered within 21 days. Part of the aggregate's
 * definition (a registration counts as late when its lag exceeds it): changing it needs a new migration that
 * recomputes step_lag_days.
 */
export const LATE_REGISTRATION_AFTER_DAYS = 21;

/**
 * step_lag_days (registration-lag KPI): per day a step happened and institution, the registrations that count
 * (not retracted, with a lag and a business date) and how many of them were late. Exactly the rows and the
 * groups the KPI's query over step_registrations counts; a null institution is stored as ''.
 */
export const STEP_LAG_DAYS: KpiAggregate = {
  table: 'step_lag_days',
  base: 'step_registrations',
  baseColumns: ['happened_on', 'institution', 'lag_days', 'retracted'],
  keys: ['happened_on', 'institution'],
  counts: ['steps', 'late_steps'],
  contributions: (source, sign) =>
    `select happened_on, coalesce(institution, '') as institution, ${sign} as steps, ` +
    `case when lag_days > ${LATE_REGISTRATION_AFTER_DAYS} then ${sign} else 0 end as late_steps ` +
    `from ${source} as r where retracted = 0 and lag_days is not null and happened_on is not null`,
};
