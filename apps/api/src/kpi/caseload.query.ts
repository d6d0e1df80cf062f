import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';
import { activeCasesOn } from './active-segments';
import { countAll, toCount } from './segment-at';

/**
 * Families per protector on a date: distinct familyRef over the cases with an active measure that the
 * protector held on that date (a family with two children under one protector counts once, as caseload norms
 * count families). Returns the per-protector figures without refs: analysts never see who.
 */
export async function familiesPerProtector(db: Kysely<ReadModelSchema>, asOf: string) {
  const perProtector = await activeCasesOn(db, asOf, ['protector_ref'])
    .where('s.protector_ref', 'is not', null)
    .select(sql<string | number>`count(distinct ${sql.ref('c.family_ref')})`.as('families'))
    .groupBy('s.protector_ref')
    .execute();
  const unassigned = await activeCasesOn(db, asOf, ['protector_ref'])
    .where('s.protector_ref', 'is', null)
    .select(countAll().as('n'))
    .executeTakeFirstOrThrow();
  return { families: perProtector.map((r) => toCount(r.families)), activeCasesWithoutProtector: toCount(unassigned.n) };
}

/** Registration lag per institution: steps recorded more than `limitDays` after they happened. */
export async function registrationLag(db: Kysely<ReadModelSchema>, params: { from?: string; to?: string; limitDays: number }) {
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
  return rows.map((r) => ({ institution: r.institution ?? '(unknown)', steps: toCount(r.steps), lateSteps: toCount(r.late ?? 0) }));
}
