import type { Kysely } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';
import { SEGMENT_LENGTH_CLASSES } from '@app/read-models/database/segment-length-classes';
import { activeMeasuresOn } from './active-measures-series';
import { earliestStart } from './active-segments';
import { toCount } from './count-all';

/**
 * Families per protector on a date: distinct familyRef over the cases with an active measure that the
 * protector held on that date (a family with two children under one protector counts once, as caseload norms
 * count families). Returns the per-protector figures without refs: analysts never see who.
 *
 * Each protector's caseload is kept as spans of days on which it stays the same (protector_caseload_spans,
 * libs/read-models/src/cases/protector-caseloads.ts), by the segments' length classes: the spans that hold on
 * the date, one per protector, found with one range scan per class. The active cases without a protector are
 * the active measures on the date (the active_measure_deltas pre-aggregate) less those the spans count.
 */
export async function familiesPerProtector(db: Kysely<ReadModelSchema>, asOf: string) {
  const [rows, [active]] = await Promise.all([caseloadSpansOn(db, asOf).execute(), activeMeasuresOn(db, [asOf])]);
  let assigned = 0;
  for (const row of rows) assigned += toCount(row.cases);
  return {
    // In no particular order from the union; ascending, so that equal caseloads answer alike.
    families: rows.map((row) => toCount(row.families)).sort((a, b) => a - b),
    activeCasesWithoutProtector: active - assigned,
  };
}

/** The spans' query for a date (its plan is checked in test/kpi/kpi-indexes.spec.ts). */
export const caseloadSpansOn = (db: Kysely<ReadModelSchema>, asOf: string) =>
  SEGMENT_LENGTH_CLASSES.map((lengthClass, k) => {
    const earliest = earliestStart(lengthClass, asOf);
    return db
      .selectFrom('protector_caseload_spans')
      .select(['families', 'cases'])
      .where('length_class', '=', k)
      .$if(earliest !== undefined, (q) => q.where('valid_from', '>=', earliest as string))
      .where('valid_from', '<=', asOf)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', asOf)]));
  }).reduce((union, arm) => union.unionAll(arm));
