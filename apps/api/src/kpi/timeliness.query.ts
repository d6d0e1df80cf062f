import { type Kysely, sql } from 'kysely';
import { type BusinessDate, NORM_KEYS, addDays, compliance, daysBetween, emptyNormStateCounts, type NormKey, type NormStateCounts } from '@app/domain';
import type { ReadModelSchema } from '@app/read-models';
import { verdictsOfCode } from '@app/read-models/cases/verdict-spans';
import { type DisclosurePolicy, disclose } from './disclosure';
import type { TimelinessGroup } from './kpi-query.dto';
import { countAll, toCount } from './count-all';

export type NormFigures = NormStateCounts & { percentMet: number | null; percentMetOrExplained: number | null };
export type NormTotals = Record<NormKey, NormStateCounts>;
export interface TimelinessParams {
  from: string;
  to: string;
  asOf: string;
  groupBy?: TimelinessGroup;
}

const emptyTotals = (): NormTotals => ({
  protector: emptyNormStateCounts(),
  fixedProtector: emptyNormStateCounts(),
  plan: emptyNormStateCounts(),
  help: emptyNormStateCounts(),
});

const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/**
 * A period of more days than this (ten years, what a log holds) is read as one range of pronouncements instead
 * of one seek per day: each day is a bound parameter in each of the query's two parts, and a statement takes at
 * most 32,766 of them in SQLite and 65,535 in PostgreSQL, so an analyst's "everything since 1900" must not
 * become two per day.
 */
export const MAX_PERIOD_DAYS_BY_SEEK = 3_660;

/** Every date from `from` to `to`, both included. */
const datesFromTo = (from: BusinessDate, to: BusinessDate): BusinessDate[] =>
  Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));

/** The two parts of a period's runs that can hold on `asOf`: those still open, and those that end after it. */
type RunPart = 'open' | 'endsAfterAsOf';

/**
 * The runs of equal verdicts (cases/verdict-spans.ts) of the cases pronounced in [from, to] that hold on
 * `asOf`, one row per case, in two parts: the runs still open, and those that end after `asOf`. The index
 * (case_status_segments_verdict_span_ends, 0016) is ordered by pronouncement and then by the run's end, so each
 * part seeks, per day of the period, straight past the runs that ended before `asOf`: a case judged a year after
 * its pronouncement has about five runs, of which one or two reach that date. The index holds every column read
 * here: no join. The run's flag is a literal, as the partial index's condition is: SQLite's planner matches no
 * parameter to it.
 */
function runsHoldingOn(db: Kysely<ReadModelSchema>, params: TimelinessParams, part: RunPart) {
  const days = daysBetween(params.from, params.to) + 1;
  const seekByDay = days >= 1 && days <= MAX_PERIOD_DAYS_BY_SEEK;
  const segments = db
    .selectFrom('case_status_segments as s')
    .where('s.opens_verdict_span', '=', sql.lit(1))
    .where((eb) =>
      seekByDay
        ? eb('s.pronounced_on', 'in', datesFromTo(params.from, params.to))
        : eb.and([eb('s.pronounced_on', '>=', params.from), eb('s.pronounced_on', '<=', params.to)]),
    )
    .where((eb) => (part === 'open' ? eb('s.verdict_span_until', 'is', null) : eb('s.verdict_span_until', '>', params.asOf)))
    .where('s.valid_from', '<=', params.asOf);
  switch (params.groupBy) {
    case 'institution':
      return segments.select((eb) => eb.ref('s.institution').as('key')).groupBy('s.institution');
    case 'municipality':
      return segments.select((eb) => eb.ref('s.municipality_code').as('key')).groupBy('s.municipality_code');
    case 'measureType':
      return segments.select((eb) => eb.ref('s.measure_type').as('key')).groupBy('s.measure_type');
    case 'month':
    case 'quarter': {
      // Quarters are folded from months afterwards (no portable date function needed).
      // Literals, not parameters: PostgreSQL matches the selected expression with the grouped one by its text.
      const month = sql<string>`substr(${sql.ref('s.pronounced_on')}, ${sql.lit(1)}, ${sql.lit(7)})`;
      return segments.select(month.as('key')).groupBy(month);
    }
    case undefined:
      return segments;
    default: {
      const unreachable: never = params.groupBy;
      throw new Error(`unknown group ${String(unreachable)}`);
    }
  }
}

const countedByVerdicts = (db: Kysely<ReadModelSchema>, params: TimelinessParams, part: RunPart) =>
  runsHoldingOn(db, params, part).select(['s.verdicts_code', countAll().as('n')]).groupBy('s.verdicts_code');

/**
 * One row per combination of the four verdicts (as its code, cases/verdict-spans.ts) and group in each of the
 * two parts, so one query serves all four norms; a combination may come once from each part, and the counts add
 * up (no case has a run in both).
 */
export const timelinessQuery = (db: Kysely<ReadModelSchema>, params: TimelinessParams) =>
  countedByVerdicts(db, params, 'open').unionAll(countedByVerdicts(db, params, 'endsAfterAsOf'));

/**
 * Norm verdicts of the cases whose measure was pronounced in [from, to], judged as of `asOf`, counted per
 * state, in total and per group.
 */
export async function timelinessCounts(
  db: Kysely<ReadModelSchema>,
  params: TimelinessParams,
): Promise<{ total: NormTotals; groups: Map<string, NormTotals> }> {
  const rows = await timelinessQuery(db, params).execute();

  const total = emptyTotals();
  const groups = new Map<string, NormTotals>();
  for (const row of rows as Array<Record<string, unknown>>) {
    const n = toCount(row.n as string | number);
    const rawKey = (row.key as string | null | undefined) ?? '(unknown)';
    const key = params.groupBy === 'quarter' ? quarterOf(rawKey) : rawKey;
    const group = params.groupBy ? (groups.get(key) ?? groups.set(key, emptyTotals()).get(key)!) : undefined;
    // A run without its code would otherwise count as met on every norm (Number(null) is 0).
    if (row.verdicts_code === null || row.verdicts_code === undefined) throw new Error('a verdict run without verdicts_code: run the migrations');
    const verdicts = verdictsOfCode(Number(row.verdicts_code));
    for (const norm of NORM_KEYS) {
      const state = verdicts[norm];
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

