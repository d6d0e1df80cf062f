import { protectAdditive } from './secondary-suppression';

const analyst = { suppress: true, k: 5 };

describe('protectAdditive (secondary suppression)', () => {
  it('withholds the smallest shown non-zero part when exactly one part is withheld, with what rests on it', () => {
    const total = { help: { met: 30, percentMet: 60 } };
    const parts = [
      { key: 'a', help: { met: null, percentMet: null, suppressed: true } },
      { key: 'b', help: { met: 0, percentMet: 0 } },
      { key: 'c', help: { met: 11, percentMet: 55 } },
      { key: 'd', help: { met: 16, percentMet: 80 } },
    ];
    protectAdditive(total, parts, [{ path: ['help', 'met'], dependents: ['percentMet'] }], analyst);
    expect(parts.map((p) => p.help)).toEqual([
      { met: null, percentMet: null, suppressed: true },
      { met: 0, percentMet: 0 },
      { met: null, percentMet: null, suppressed: true },
      { met: 16, percentMet: 80 },
    ]);
    expect(total).toEqual({ help: { met: 30, percentMet: 60 } });
  });

  it('withholds the total when no other part could hide the withheld one', () => {
    const total = { steps: 3, percentLate: 10 };
    const parts = [{ steps: null, suppressed: true }, { steps: 0 }];
    protectAdditive(total, parts, [{ path: ['steps'], dependents: ['percentLate'] }], analyst);
    expect(total).toEqual({ steps: null, percentLate: null, suppressed: true });
  });

  it('withholds statistics that count the same children field by field, keeping their shape', () => {
    const total = { waitingForHelp: { children: 40, daysSincePronouncement: { count: 40, median: 20, p90: 50, max: 90 } } };
    const parts = [
      { waitingForHelp: { children: null, suppressed: true, daysSincePronouncement: { count: null, median: null, p90: null, max: null, suppressed: true } } },
      { waitingForHelp: { children: 38, daysSincePronouncement: { count: 38, median: 21, p90: 51, max: 90 } } },
    ];
    protectAdditive(total, parts, [{ path: ['waitingForHelp', 'children'], dependents: ['daysSincePronouncement'] }], analyst);
    expect(parts[1].waitingForHelp).toEqual({
      children: null,
      daysSincePronouncement: { count: null, median: null, p90: null, max: null, suppressed: true },
      suppressed: true,
    });
  });

  it('leaves two withheld parts, a withheld total, and answers for auditors as they are', () => {
    const two = [{ n: null }, { n: null }, { n: 9 }];
    protectAdditive({ n: 12 }, two, [{ path: ['n'] }], analyst);
    expect(two).toEqual([{ n: null }, { n: null }, { n: 9 }]);

    const hiddenTotal = [{ n: null }, { n: 0 }];
    protectAdditive({ n: null }, hiddenTotal, [{ path: ['n'] }], analyst);
    expect(hiddenTotal).toEqual([{ n: null }, { n: 0 }]);

    const exact = [{ n: 2 }, { n: 9 }];
    protectAdditive({ n: 11 }, exact, [{ path: ['n'] }], { suppress: false, k: 5 });
    expect(exact).toEqual([{ n: 2 }, { n: 9 }]);
  });
});
