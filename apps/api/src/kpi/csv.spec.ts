import { toCsv } from './csv';

it('writes a header and one line per row, flattening nested figures and quoting where needed', () => {
  const csv = toCsv([
    { key: 'GM0599', protector: { met: 3, percentMet: null } },
    { key: 'a,b', protector: { met: 1, percentMet: 50 } },
  ]);
  expect(csv.trim().split('\n')).toEqual(['key,protector.met,protector.percentMet', 'GM0599,3,', '"a,b",1,50']);
});
