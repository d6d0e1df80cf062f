import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';
import { activeCasesOn } from './active-segments';
import { countAll, toCount } from './count-all';

/**
 * Families per protector on a date: distinct familyRef over the cases with an active measure that the
 * protector held on that date (a family with two children under one protector counts once, as caseload norms
 * count families). Returns the per-protector figures without refs: analysts never see who.
 *
 * One statement for both figures (the group of a null protector_ref is the active cases without a protector),
 * so the active segments are read once; each carries its case's family_ref (migration 0008).
 */
export async function familiesPerProtector(db: Kysely<ReadModelSchema>, asOf: string) {
  const rows = await activeCasesOn(db, asOf, ['protector_ref', 'family_ref'])
    .select(['s.protector_ref', sql<string | number>`count(distinct ${sql.ref('s.family_ref')})`.as('families'), countAll().as('cases')])
    .groupBy('s.protector_ref')
    .execute();
  const unassigned = rows.find((r) => r.protector_ref === null);
  return {
    families: rows.filter((r) => r.protector_ref !== null).map((r) => toCount(r.families)),
    activeCasesWithoutProtector: unassigned === undefined ? 0 : toCount(unassigned.cases),
  };
}
