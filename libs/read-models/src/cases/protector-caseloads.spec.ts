import { addDays } from '@app/domain';
import { type CaseloadSpanRow, caseloadSpans, type ProtectorSegment, protectorsWithCaseloadChanges, spansFrom } from './protector-caseloads';

const segment = (family: string | null, from: string, until: string | null): ProtectorSegment => ({
  protector_ref: 'p-1',
  family_ref: family,
  valid_from: from,
  valid_until: until,
});

const shape = (segments: ProtectorSegment[]) =>
  caseloadSpans('p-1', segments).map((s) => [s.valid_from, s.valid_until, s.families, s.cases]);

describe('caseloadSpans', () => {
  it('counts a family with two cases once, and its cases twice, while both run', () => {
    expect(shape([segment('f-1', '2024-01-01', '2024-03-01'), segment('f-1', '2024-02-01', null), segment('f-2', '2024-01-15', '2024-02-15')])).toEqual([
      ['2024-01-01', '2024-01-15', 1, 1],
      ['2024-01-15', '2024-02-01', 2, 2],
      ['2024-02-01', '2024-02-15', 2, 3],
      ['2024-02-15', '2024-03-01', 1, 2],
      ['2024-03-01', null, 1, 1],
    ]);
  });

  it('runs on across a case segment ending on the day the next begins, and leaves a gap without a span', () => {
    expect(shape([segment('f-1', '2024-01-01', '2024-02-01'), segment('f-1', '2024-02-01', '2024-03-01'), segment('f-2', '2024-04-01', '2024-05-01')])).toEqual([
      ['2024-01-01', '2024-03-01', 1, 1],
      ['2024-04-01', '2024-05-01', 1, 1],
    ]);
  });

  it('counts a case without a family ref among the cases, not the families', () => {
    expect(shape([segment(null, '2024-01-01', '2024-02-01'), segment('f-1', '2024-01-10', '2024-02-01')])).toEqual([
      ['2024-01-01', '2024-01-10', 0, 1],
      ['2024-01-10', '2024-02-01', 1, 2],
    ]);
  });

  it('classes each span by its length as the segments are classed, open-ended last', () => {
    const spans = caseloadSpans('p-1', [segment('f-1', '2024-01-01', '2024-01-05'), segment('f-1', '2024-02-01', '2025-02-01'), segment('f-1', '2026-01-01', null)]);
    expect(spans.map((s) => s.length_class)).toEqual([0, 3, 5]);
    expect(spans.every((s) => s.protector_ref === 'p-1')).toBe(true);
  });

  it('has no spans without segments', () => {
    expect(caseloadSpans('p-1', [])).toEqual([]);
  });
});

describe('protectorsWithCaseloadChanges', () => {
  const row = (protector: string | null, changes: { active?: number } = {}) => ({
    case_id: 'c-1',
    valid_from: '2024-01-01',
    valid_until: null as string | null,
    measure_active: changes.active ?? 1,
    family_ref: 'f-1',
    protector_ref: protector,
  });

  it('names the protectors of active segments that came, went or moved, before and after, each from its earliest change, and none for other changes', () => {
    const protectors = protectorsWithCaseloadChanges({
      deleted: [row('p-1'), row('p-9', { active: 0 })],
      inserted: [row('p-2'), row(null)],
      updated: [
        { row: row('p-4'), old: row('p-3'), changed: ['protector_ref'] },
        { row: { ...row('p-5'), valid_until: '2024-02-01' }, old: row('p-5'), changed: ['valid_until'] },
        { row: row('p-6'), old: row('p-6'), changed: ['plan', 'help'] },
        { row: row('p-7', { active: 0 }), old: row('p-7'), changed: ['measure_active'] },
      ],
    });
    expect([...protectors.keys()].sort()).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-7']);
    // The first day a count moved: p-5's segment now ends on 2024-02-01, so its count is lower from then on.
    expect(protectors.get('p-5')).toBe('2024-02-01');
    expect(protectors.get('p-3')).toBe('2024-01-01');
  });

  it('names no protector for a segment split in two or a family left as it was, and the first day for a shortened one', () => {
    const split = protectorsWithCaseloadChanges({
      deleted: [{ ...row('p-1'), valid_from: '2023-01-01', valid_until: '2023-06-01' }],
      inserted: [
        { ...row('p-1'), valid_from: '2023-01-01', valid_until: '2023-03-01' },
        { ...row('p-1'), valid_from: '2023-03-01', valid_until: '2023-06-01' },
      ],
      updated: [],
    });
    expect(split).toEqual(new Map());
    const moved = protectorsWithCaseloadChanges({
      deleted: [{ ...row('p-1'), valid_from: '2023-01-01', valid_until: '2023-06-01' }],
      inserted: [{ ...row('p-1'), valid_from: '2023-01-01', valid_until: '2023-04-01' }, { ...row('p-1'), family_ref: 'f-2', valid_from: '2023-04-01', valid_until: '2023-06-01' }],
      updated: [],
    });
    expect(moved).toEqual(new Map([['p-1', '2023-04-01']]));
  });
});

describe('spansFrom', () => {
  /** A small deterministic PRNG (mulberry32). */
  const random = (seed: number) => (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const someSegments = (next: () => number, count: number, from = '2024-01-01'): ProtectorSegment[] =>
    Array.from({ length: count }, () => {
      const start = addDays(from, Math.floor(next() * 60));
      const until = next() < 0.2 ? null : addDays(start, 1 + Math.floor(next() * 30));
      return { protector_ref: 'p-1', family_ref: next() < 0.1 ? null : `f-${Math.floor(next() * 4)}`, valid_from: start, valid_until: until };
    });
  const reaching = (spans: readonly CaseloadSpanRow[], from: string) => spans.filter((s) => s.valid_until === null || s.valid_until >= from);
  const earlier = (spans: readonly CaseloadSpanRow[], from: string) => spans.filter((s) => s.valid_until !== null && s.valid_until < from);

  it('gives, with the spans before the change day kept, exactly the spans derived from all the segments after a change from that day on', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const next = random(seed);
      const from = addDays('2024-01-01', Math.floor(next() * 70));
      const kept = someSegments(next, 1 + Math.floor(next() * 8)).filter((s) => s.valid_from < from);
      const before = [...kept, ...someSegments(next, Math.floor(next() * 5), from)];
      const after = [...kept, ...someSegments(next, Math.floor(next() * 5), from)];
      const stored = caseloadSpans('p-1', before);
      const reachingSegments = after.filter((s) => s.valid_until === null || s.valid_until > from);
      const refreshed = [...earlier(stored, from), ...spansFrom('p-1', from, reaching(stored, from), reachingSegments)];
      expect({ seed, spans: refreshed }).toEqual({ seed, spans: caseloadSpans('p-1', after) });
    }
  });
});
