import { NORM_KEYS, NORM_STATES, type NormState } from '@app/domain';
import { CODED_NORMS, CODED_STATES, verdictsCode, verdictsOfCode, verdictSpans } from './verdict-spans';

const segment = (from: string, until: string | null, help: NormState = 'pending', protector: NormState = 'met') => ({
  from,
  until,
  protector,
  fixedProtector: 'met' as NormState,
  plan: 'pending' as NormState,
  help,
});

describe('verdictSpans', () => {
  it('is empty for a case without segments', () => {
    expect(verdictSpans([])).toEqual([]);
  });

  it('joins adjacent segments with equal verdicts into one run, its end on its first segment only', () => {
    const spans = verdictSpans([
      segment('2024-01-01', '2024-01-10'),
      segment('2024-01-10', '2024-02-01'),
      segment('2024-02-01', '2024-03-01', 'met'),
      segment('2024-03-01', null, 'met'),
    ]);
    const [pending, met] = [verdictsCode(segment('', null)), verdictsCode(segment('', null, 'met'))];
    expect(pending).not.toBe(met);
    expect(spans).toEqual([
      { opens_verdict_span: 1, verdict_span_until: '2024-02-01', verdicts_code: pending },
      { opens_verdict_span: 0, verdict_span_until: null, verdicts_code: null },
      { opens_verdict_span: 1, verdict_span_until: null, verdicts_code: met },
      { opens_verdict_span: 0, verdict_span_until: null, verdicts_code: null },
    ]);
  });

  it('opens a run at a change of any one verdict', () => {
    const base = segment('2024-01-01', '2024-01-10');
    for (const change of [{ protector: 'notMet' }, { fixedProtector: 'notMet' }, { plan: 'met' }, { help: 'explained' }] as const) {
      const spans = verdictSpans([base, { ...base, from: '2024-01-10', until: null, ...change }]);
      expect(spans.map((s) => s.opens_verdict_span)).toEqual([1, 1]);
      expect(spans[0].verdict_span_until).toBe('2024-01-10');
    }
  });

  it('ends a run at a gap between segments even when the verdicts are equal', () => {
    const spans = verdictSpans([segment('2024-01-01', '2024-01-10'), segment('2024-01-12', null)]);
    const code = verdictsCode(segment('', null));
    expect(spans).toEqual([
      { opens_verdict_span: 1, verdict_span_until: '2024-01-10', verdicts_code: code },
      { opens_verdict_span: 1, verdict_span_until: null, verdicts_code: code },
    ]);
  });

  it('answers for a date exactly as the segment holding on it', () => {
    const segments = [
      segment('2024-01-01', '2024-01-05', 'pending', 'pending'),
      segment('2024-01-05', '2024-01-20', 'pending'),
      segment('2024-01-20', '2024-02-10', 'pending'),
      segment('2024-02-10', '2024-04-01', 'notMet'),
      segment('2024-04-01', null, 'notMet'),
    ];
    const spans = verdictSpans(segments);
    const holds = (from: string, until: string | null, date: string) => from <= date && (until === null || until > date);
    for (const date of ['2024-01-01', '2024-01-04', '2024-01-05', '2024-01-19', '2024-01-20', '2024-02-10', '2024-05-01']) {
      const bySegment = segments.filter((s) => holds(s.from, s.until, date));
      const byRun = segments.filter((s, i) => spans[i].opens_verdict_span === 1 && holds(s.from, spans[i].verdict_span_until, date));
      expect(byRun).toHaveLength(1);
      expect({ ...byRun[0], from: '', until: '' }).toEqual({ ...bySegment[0], from: '', until: '' });
      expect(verdictsOfCode(spans[segments.indexOf(byRun[0])].verdicts_code!)).toEqual({
        protector: bySegment[0].protector,
        fixedProtector: bySegment[0].fixedProtector,
        plan: bySegment[0].plan,
        help: bySegment[0].help,
      });
    }
  });
});

describe('verdictsCode', () => {
  const every = NORM_STATES.flatMap((protector) =>
    NORM_STATES.flatMap((fixedProtector) =>
      NORM_STATES.flatMap((plan) => NORM_STATES.map((help) => ({ protector, fixedProtector, plan, help }))),
    ),
  );

  it('gives each of the 625 combinations of four verdicts its own code, and the code gives them back', () => {
    const codes = every.map(verdictsCode);
    expect(new Set(codes).size).toBe(625);
    expect(Math.min(...codes)).toBe(0);
    expect(Math.max(...codes)).toBe(624);
    for (const verdicts of every) expect(verdictsOfCode(verdictsCode(verdicts))).toEqual(verdicts);
  });

  it('keeps its stored digit order: the domain\'s states and norms, each a fixed digit', () => {
    expect([...CODED_STATES].sort()).toEqual([...NORM_STATES].sort());
    expect([...CODED_NORMS].sort()).toEqual([...NORM_KEYS].sort());
    const allMet = { protector: 'met', fixedProtector: 'met', plan: 'met', help: 'met' } as const;
    expect(verdictsCode(allMet)).toBe(0);
    expect(verdictsCode({ ...allMet, protector: 'explained' })).toBe(1);
    expect(verdictsCode({ ...allMet, fixedProtector: 'notMet' })).toBe(10);
    expect(verdictsCode({ ...allMet, plan: 'pending' })).toBe(75);
    expect(verdictsCode({ ...allMet, help: 'notApplicable' })).toBe(500);
  });

  it('refuses what is no code and no state', () => {
    for (const code of [-1, 625, 1.5, Number.NaN]) expect(() => verdictsOfCode(code)).toThrow(RangeError);
    expect(() => verdictsCode({ ...every[0], help: 'late' as NormState })).toThrow(RangeError);
  });
});
