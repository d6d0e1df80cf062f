import type { KpiAggregate } from './kpi-aggregate';

/**
 * active_measure_deltas (waiting series, activeMeasures): per day, how the number of active measures changes on
 * it: +1 for every segment with an active measure that starts on the day (valid_from), -1 for every one that
 * ends before it (valid_until, exclusive). The active measures on D are the sum of the deltas up to and
 * including D: exactly the segments with valid_from <= D < valid_until (or open), as the per-date query counts
 * them (a case has one segment per date, so segments are measures). A case's adjacent active segments cancel
 * on the day between them, so the table holds about one row per day on which measures start or end.
 *
 * Deltas are signed (an insert may cancel a key out), and keyed by day alone: no group, nothing to store as ''.
 */
export const ACTIVE_MEASURE_DELTAS: KpiAggregate = {
  table: 'active_measure_deltas',
  base: 'case_status_segments',
  baseColumns: ['valid_from', 'valid_until', 'measure_active'],
  keys: ['day'],
  counts: ['delta'],
  signed: true,
  contributions: (source, sign) =>
    `select valid_from as day, ${sign} as delta from ${source} as s where measure_active = 1 ` +
    'union all ' +
    `select valid_until as day, ${-sign} as delta from ${source} as s where measure_active = 1 and valid_until is not null`,
};
