import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';
import { LATE_REGISTRATION_AFTER_DAYS } from '@app/read-models/kpi-aggregates';
import { countAll, toCount } from './count-all';

export interface RegistrationLagRow {
  institution: string;
  steps: number;
  lateSteps: number;
}

interface LagParams {
  from?: string;
  to?: string;
  limitDays: number;
}

/**
 * Registration lag per institution: steps recorded more than `limitDays` after they happened. With the region's
 * limit (the only one the api asks), from the pre-aggregate step_lag_days: a few rows per day instead of every
 * registration of the period (millions over a decade). Any other limit counts the registrations themselves.
 */
export async function registrationLag(db: Kysely<ReadModelSchema>, params: LagParams): Promise<RegistrationLagRow[]> {
  if (params.limitDays !== LATE_REGISTRATION_AFTER_DAYS) return registrationLagFromSteps(db, params);
  // nullif: the aggregate stores a null institution as ''; grouping and ordering by the restored null orders it
  // as the query over step_registrations does in each dialect (first in SQLite, last in PostgreSQL).
  const institution = sql<string | null>`nullif(${sql.ref('a.institution')}, '')`;
  const rows = await db
    .selectFrom('step_lag_days as a')
    .where('a.happened_on', '>=', params.from ?? '')
    .$if(params.to !== undefined, (q) => q.where('a.happened_on', '<=', params.to as string))
    .select([institution.as('institution'), sql<string | number>`sum(${sql.ref('a.steps')})`.as('steps'), sql<string | number>`sum(${sql.ref('a.late_steps')})`.as('late')])
    .groupBy('a.institution')
    .orderBy(institution)
    .execute();
  return rows.map(toLagRow);
}

/** The same figures counted over step_registrations (any limit; and the reference the aggregate is tested against). */
export async function registrationLagFromSteps(db: Kysely<ReadModelSchema>, params: LagParams): Promise<RegistrationLagRow[]> {
  const rows = await db
    .selectFrom('step_registrations as r')
    // The literal 0 and the lag condition match the partial index step_registrations_lag; a row with a lag has
    // a happened_on (the lag is measured from it), and every text is >= '', so an open start changes no count
    // and makes the unbounded query a range on that index too (not a walk of the whole table by institution).
    .where('r.retracted', '=', sql.lit(0))
    .where('r.lag_days', 'is not', null)
    .where('r.happened_on', '>=', params.from ?? '')
    .$if(params.to !== undefined, (q) => q.where('r.happened_on', '<=', params.to as string))
    .select([
      'r.institution',
      countAll().as('steps'),
      sql<string | number>`sum(case when ${sql.ref('r.lag_days')} > ${params.limitDays} then 1 else 0 end)`.as('late'),
    ])
    .groupBy('r.institution')
    .orderBy('r.institution')
    .execute();
  return rows.map(toLagRow);
}

const toLagRow = (r: { institution: string | null; steps: string | number; late: string | number | null }): RegistrationLagRow => ({
  institution: r.institution ?? '(unknown)',
  steps: toCount(r.steps),
  lateSteps: toCount(r.late ?? 0),
});
