import type { KpiAggregate } from './kpi-aggregate';

/**
 * waiting_child_deltas (waiting series): per kind of waiting and day, how the number of waiting children changes
 * on it: +1 for every child's spell that starts on the day, -1 for every one that ends before it (valid_until,
 * exclusive). Over child_waiting_spells, whose spells are merged per child (cases/child-waiting-spells.ts), so
 * the sum of the deltas up to and including D is the number of distinct children waiting on D: what the series
 * used to count by reading every waiting segment of its range (over a million for a national decade).
 */
export const WAITING_CHILD_DELTAS: KpiAggregate = {
  table: 'waiting_child_deltas',
  base: 'child_waiting_spells',
  baseColumns: ['kind', 'valid_from', 'valid_until'],
  keys: ['kind', 'day'],
  counts: ['delta'],
  signed: true,
  contributions: (source, sign) =>
    `select kind, valid_from as day, ${sign} as delta from ${source} as s where valid_from is not null ` +
    'union all ' +
    `select kind, valid_until as day, ${-sign} as delta from ${source} as s where valid_until is not null`,
};
