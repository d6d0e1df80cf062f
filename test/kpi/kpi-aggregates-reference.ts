import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';

/**
 * The KPI aggregates as the tests expect them: written here as plain GROUP BYs over the base tables,
 * independently of the definitions in libs/read-models/src/kpi-aggregates, and read back in one normal form
 * (numbers as numbers, sorted in JS: the dialects collate text differently).
 */
export interface AggregateDump {
  step_lag_days: Array<{ happened_on: string; institution: string; steps: number; late_steps: number }>;
  case_inflow_days: Array<{ day: string; measure_type: string; pronounced: number; gone: number }>;
  active_measure_deltas: Array<{ day: string; delta: number }>;
}

/** The aggregate tables' contents when every base table is empty. */
export const EMPTY_AGGREGATES: AggregateDump = { step_lag_days: [], case_inflow_days: [], active_measure_deltas: [] };

const byKey = <T extends Record<string, unknown>>(keys: Array<keyof T>) => (a: T, b: T) => {
  const ka = keys.map((k) => String(a[k])).join('\u0000');
  const kb = keys.map((k) => String(b[k])).join('\u0000');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export async function aggregatesAsStored(db: Kysely<ReadModelSchema>): Promise<AggregateDump> {
  const lag = await db.selectFrom('step_lag_days').selectAll().execute();
  const inflow = await db.selectFrom('case_inflow_days').selectAll().execute();
  const deltas = await db.selectFrom('active_measure_deltas').selectAll().execute();
  return {
    step_lag_days: lag.map((r) => ({ ...r, steps: Number(r.steps), late_steps: Number(r.late_steps) })).sort(byKey(['happened_on', 'institution'])),
    case_inflow_days: inflow.map((r) => ({ ...r, pronounced: Number(r.pronounced), gone: Number(r.gone) })).sort(byKey(['day', 'measure_type'])),
    active_measure_deltas: deltas.map((r) => ({ day: r.day, delta: Number(r.delta) })).sort(byKey(['day'])),
  };
}

export async function aggregatesFromBaseTables(db: Kysely<ReadModelSchema>): Promise<AggregateDump> {
  const lag = await db
    .selectFrom('step_registrations')
    .where('retracted', '=', 0)
    .where('lag_days', 'is not', null)
    .where('happened_on', 'is not', null)
    .select([
      'happened_on',
      'institution',
      sql<number>`count(*)`.as('steps'),
      sql<number>`sum(case when lag_days > 21 then 1 else 0 end)`.as('late_steps'),
    ])
    .groupBy(['happened_on', 'institution'])
    .execute();
  const cases = await db.selectFrom('case_summaries').select(['pronounced_on', 'ended_on', 'measure_type']).where('pronounced_on', 'is not', null).execute();
  const inflow = new Map<string, { day: string; measure_type: string; pronounced: number; gone: number }>();
  const count = (day: string, type: string, field: 'pronounced' | 'gone') => {
    const key = `${day}|${type}`;
    const row = inflow.get(key) ?? { day, measure_type: type, pronounced: 0, gone: 0 };
    row[field] += 1;
    inflow.set(key, row);
  };
  for (const c of cases) {
    const type = c.measure_type ?? '';
    count(c.pronounced_on as string, type, 'pronounced');
    if (c.ended_on !== null) count(c.ended_on > (c.pronounced_on as string) ? c.ended_on : (c.pronounced_on as string), type, 'gone');
  }
  return {
    step_lag_days: lag
      .map((r) => ({ happened_on: r.happened_on as string, institution: r.institution ?? '', steps: Number(r.steps), late_steps: Number(r.late_steps) }))
      .sort(byKey(['happened_on', 'institution'])),
    case_inflow_days: [...inflow.values()].sort(byKey(['day', 'measure_type'])),
    active_measure_deltas: await activeMeasureDeltasFromSegments(db),
  };
}

/** +1 on the first day of every active segment, -1 on its (exclusive) last; days that net out are left out. */
async function activeMeasureDeltasFromSegments(db: Kysely<ReadModelSchema>): Promise<AggregateDump['active_measure_deltas']> {
  const segments = await db.selectFrom('case_status_segments').select(['valid_from', 'valid_until']).where('measure_active', '=', 1).execute();
  const deltas = new Map<string, number>();
  const add = (day: string, delta: number) => deltas.set(day, (deltas.get(day) ?? 0) + delta);
  for (const s of segments) {
    add(s.valid_from, 1);
    if (s.valid_until !== null) add(s.valid_until, -1);
  }
  return [...deltas].filter(([, delta]) => delta !== 0).map(([day, delta]) => ({ day, delta })).sort(byKey(['day']));
}
