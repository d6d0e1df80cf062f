import { disclose } from './disclosure';

describe('disclose', () => {
  const analyst = { suppress: true, k: 5 };

  it('withholds counts from 1 to K-1 for analysts, keeps 0 and K and more', () => {
    expect(disclose({ met: 4, notMet: 0, pending: 5, explained: 1 }, analyst)).toEqual({
      met: null,
      notMet: 0,
      pending: 5,
      explained: null,
      suppressed: true,
    });
  });

  it('withholds a percentage whose denominator is below K, whatever its value', () => {
    expect(disclose({ met: 6, percentMet: 100 }, analyst, { percentMet: 4 })).toEqual({ met: 6, percentMet: null, suppressed: true });
    expect(disclose({ met: 6, percentMet: 100 }, analyst, { percentMet: 6 })).toEqual({ met: 6, percentMet: 100 });
  });

  it('changes nothing for auditors and admins', () => {
    expect(disclose({ met: 1, percentMet: 50 }, { suppress: false, k: 5 }, { percentMet: 2 })).toEqual({ met: 1, percentMet: 50 });
  });
});
