import type { CaseStatusSegment, NormKey, NormState } from '@app/domain';

/** The four norm verdicts a segment carries: all the timeliness KPI counts. */
type Verdicts = Pick<CaseStatusSegment, NormKey>;

/**
 * The digit order of verdicts_code: frozen here rather than taken from the domain's NORM_STATES and NORM_KEYS
 * (the order the service shows them in), because it is stored: reordering those lists must not change what a
 * stored code means. A test pins both to the domain's sets, so a new state cannot go uncoded.
 */
export const CODED_STATES: readonly NormState[] = ['met', 'explained', 'notMet', 'pending', 'notApplicable'];
export const CODED_NORMS: readonly NormKey[] = ['protector', 'fixedProtector', 'plan', 'help'];
const CODE_COUNT = CODED_STATES.length ** CODED_NORMS.length;

/**
 * The four verdicts as one number: each norm's state is a digit in base 5 (CODED_STATES order), the norms in
 * CODED_NORMS order, protector the lowest. The timeliness KPI groups a period's runs by this one integer instead
 * of four text columns: decoding four texts per row was most of its time (bench/PERFORMANCE-LOG.md, session 15).
 */
export const verdictsCode = (verdicts: Verdicts): number =>
  CODED_NORMS.reduce((code, norm, i) => {
    const digit = CODED_STATES.indexOf(verdicts[norm]);
    if (digit < 0) throw new RangeError(`not a norm state: ${String(verdicts[norm])}`);
    return code + digit * CODED_STATES.length ** i;
  }, 0);

export const verdictsOfCode = (code: number): Record<NormKey, NormState> => {
  if (!Number.isInteger(code) || code < 0 || code >= CODE_COUNT) throw new RangeError(`not a verdicts code: ${code}`);
  const verdicts = {} as Record<NormKey, NormState>;
  CODED_NORMS.forEach((norm, i) => {
    verdicts[norm] = CODED_STATES[Math.floor(code / CODED_STATES.length ** i) % CODED_STATES.length];
  });
  return verdicts;
};

const VERDICT_COLUMNS = { protector: 'protector', fixedProtector: 'fixed_protector', plan: 'plan', help: 'help' } as const satisfies Record<NormKey, string>;

/** verdictsCode in SQL both dialects run, for migration 0016's backfill: the same digits from the text columns. */
export const VERDICTS_CODE_SQL = CODED_NORMS.map((norm, i) => {
  const digit = `case "${VERDICT_COLUMNS[norm]}" ${CODED_STATES.map((state, n) => `when '${state}' then ${n}`).join(' ')} end`;
  return `(${digit}) * ${CODED_STATES.length ** i}`;
}).join(' + ');

type Dated = Pick<CaseStatusSegment, 'from' | 'until'>;

export interface VerdictSpanColumns {
  /** 1 on the first segment of a run of adjacent segments with the same four verdicts. */
  opens_verdict_span: 0 | 1;
  /**
   * On that first segment, where the run ends: the `until` of its last segment (null: open-ended). Null on the
   * run's other segments, which nothing reads it from: closing a run then rewrites one row, not every row of it.
   */
  verdict_span_until: string | null;
  /** On that first segment, the run's four verdicts as one number (verdictsCode); null on the run's others. */
  verdicts_code: number | null;
}

const sameVerdicts = (a: Verdicts, b: Verdicts) =>
  a.protector === b.protector && a.fixedProtector === b.fixedProtector && a.plan === b.plan && a.help === b.help;

/**
 * Most segments of a case differ from the one before only in what the "on a date" KPIs read (a waiting list,
 * a protector change, the measure's end), not in its verdicts: on the national data 3.74M segments hold only
 * 1.98M runs of equal verdicts. The timeliness KPI reads one row per case (the run holding on its date) from
 * the runs' first segments alone, so each segment carries whether it opens a run, and the first segment where
 * that run ends and its verdicts as one code.
 * A gap between segments ends a run, so a run never claims dates no segment covers.
 *
 * `segments` are one case's, in date order; the result is parallel to them.
 */
export function verdictSpans(segments: ReadonlyArray<Verdicts & Dated>): VerdictSpanColumns[] {
  const spans: VerdictSpanColumns[] = new Array(segments.length);
  let runEnd = segments.length - 1;
  for (let i = segments.length - 1; i >= 0; i--) {
    const previous = i > 0 ? segments[i - 1] : undefined;
    const continuesPrevious = previous !== undefined && previous.until === segments[i].from && sameVerdicts(previous, segments[i]);
    spans[i] = continuesPrevious
      ? { opens_verdict_span: 0, verdict_span_until: null, verdicts_code: null }
      : { opens_verdict_span: 1, verdict_span_until: segments[runEnd].until, verdicts_code: verdictsCode(segments[i]) };
    if (!continuesPrevious) runEnd = i - 1;
  }
  return spans;
}
