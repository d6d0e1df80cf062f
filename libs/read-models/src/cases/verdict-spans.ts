import type { CaseStatusSegment } from '@app/domain';

/** The four norm verdicts a segment carries: all the timeliness KPI counts. */
type Verdicts = Pick<CaseStatusSegment, 'protector' | 'fixedProtector' | 'plan' | 'help'>;
type Dated = Pick<CaseStatusSegment, 'from' | 'until'>;

export interface VerdictSpanColumns {
  /** 1 on the first segment of a run of adjacent segments with the same four verdicts. */
  opens_verdict_span: 0 | 1;
  /**
   * On that first segment, where the run ends: the `until` of its last segment (null: open-ended). Null on the
   * run's other segments, which nothing reads it from: closing a run then rewrites one row, not every row of it.
   */
  verdict_span_until: string | null;
}

const sameVerdicts = (a: Verdicts, b: Verdicts) =>
  a.protector === b.protector && a.fixedProtector === b.fixedProtector && a.plan === b.plan && a.help === b.help;

/**
 * Most segments of a case differ from the one before only in what the "on a date" KPIs read (a waiting list,
 * a protector change, the measure's end), not in its verdicts: on the national data 3.74M segments hold only
 * 1.98M runs of equal verdicts. The timeliness KPI reads one row per case (the run holding on its date) from
 * the runs' first segments alone, so each segment carries whether it opens a run and where that run ends.
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
      ? { opens_verdict_span: 0, verdict_span_until: null }
      : { opens_verdict_span: 1, verdict_span_until: segments[runEnd].until };
    if (!continuesPrevious) runEnd = i - 1;
  }
  return spans;
}
