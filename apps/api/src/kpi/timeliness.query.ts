import type { Kysely } from 'kysely';
import { NORM_KEYS, compliance, emptyNormStateCounts, type NormKey, type NormState, type NormStateCounts } from '@app/domain';
import type { ReadModelSchema } from '@app/read-models';
import { type DisclosurePolicy, disclose } from './disclosure';
import type { TimelinessGroup } from './kpi-query.dto';
import { casesOn, countAll, toCount } from './segment-at';

export type NormFigures = NormStateCounts & { percentMet: number | null; percentMetOrExplained: number | null };
export type NormTotals = Record<NormKey, NormStateCounts>;

const COLUMN: Record<NormKey, 'protector' | 'fixed_protector' | 'plan' | 'help'> = {
  protector: 'protector',
  fixedProtector: 'fixed_protector',
  plan: 'plan',
  help: 'help',
};

const emptyTotals = (): NormTotals => ({
  protector: emptyNormStateCounts(),
  fixedProtector: emptyNormStateCounts(),
  plan: emptyNormStateCounts(),
  help: emptyNormStateCounts(),
});

const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/** The SQL key of a group; quarters are folded from months afterwards (no portable date function needed). */
function groupKey(groupBy: TimelinessGroup | undefined) {
  switch (groupBy) {
    case 'institution':
      return 'c.institution' as const;
    case 'municipality':
      return 'c.municipality_code' as const;
    case 'measureType':
      return 'c.measure_type' as const;
    case 'month':
    case 'quarter':
    case undefined:
      return undefined;
    default: {
      const unreachable: never = groupBy;
      throw new Error(`unknown group ${String(unreachable)}`);
    }
  }
}

/**
 * Norm verdicts of the cases whose measure was pronounced in [from, to], judged as of `asOf`, counted per
 * state, in total and per group. One row per combination of states, so one query serves all four norms.
 */
export async function timelinessCounts(
  db: Kysely<ReadModelSchema>,
  params: { from: string; to: string; asOf: string; groupBy?: TimelinessGroup },
): Promise<{ total: NormTotals; groups: Map<string, NormTotals> }> {
  const column = groupKey(params.groupBy);
  const byMonth = params.groupBy === 'month' || params.groupBy === 'quarter';
  const rows = await casesOn(db, params.asOf)
    .where('c.pronounced_on', '>=', params.from)
    .where('c.pronounced_on', '<=', params.to)
    .select(['s.protector', 's.fixed_protector', 's.plan', 's.help', countAll().as('n')])
    .$if(column !== undefined, (q) => q.select((eb) => eb.ref(column as 'c.institution').as('key')).groupBy(column as 'c.institution'))
    .$if(byMonth, (q) => q.select((eb) => eb.fn('substr', [eb.ref('c.pronounced_on'), eb.lit(1), eb.lit(7)]).as('key')).groupBy((eb) => eb.fn('substr', [eb.ref('c.pronounced_on'), eb.lit(1), eb.lit(7)])))
    .groupBy(['s.protector', 's.fixed_protector', 's.plan', 's.help'])
    .execute();

  const total = emptyTotals();
  const groups = new Map<string, NormTotals>();
  for (const row of rows as Array<Record<string, unknown>>) {
    const n = toCount(row.n as string | number);
    const rawKey = (row.key as string | null | undefined) ?? '(unknown)';
    const key = params.groupBy === 'quarter' ? quarterOf(rawKey) : rawKey;
    const group = params.groupBy ? (groups.get(key) ?? groups.set(key, emptyTotals()).get(key)!) : undefined;
    for (const norm of NORM_KEYS) {
      const state = row[COLUMN[norm]] as NormState;
      total[norm][state] += n;
      if (group) group[norm][state] += n;
    }
  }
  return { total, groups };
}

export function normFigures(counts: NormStateCounts, policy: DisclosurePolicy) {
  const judged = counts.met + counts.explained + counts.notMet;
  const figures: NormFigures = { ...counts, ...compliance(counts) };
  // A percentage over a withheld count gives the count back (met = percentMet x judged): withhold it too.
  const small = (n: number) => n > 0 && n < policy.k;
  const hidesCount = policy.suppress && (small(counts.met) || small(counts.explained) || small(counts.notMet));
  const denominator = hidesCount ? 0 : judged;
  return disclose(figures, policy, { percentMet: denominator, percentMetOrExplained: denominator });
}

export const totalsFigures = (totals: NormTotals, policy: DisclosurePolicy) =>
  Object.fromEntries(NORM_KEYS.map((norm) => [norm, normFigures(totals[norm], policy)])) as Record<NormKey, ReturnType<typeof normFigures>>;

