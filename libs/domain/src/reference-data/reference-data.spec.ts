import { INSTITUTIONS } from '../case/case-events';
import { isOnOrBefore } from '../dates/business-date';
import {
  REFERENCE_DATA_VERSION,
  RIJNMOND_INSTITUTIONS,
  RIJNMOND_MUNICIPALITIES,
  findInstitution,
  findMunicipality,
  municipalitiesOn,
  municipalityValidOn,
} from './index';

describe('municipalities', () => {
  it('has 15 municipalities on 2021-06-01 (the inspection year)', () => {
    expect(municipalitiesOn('2021-06-01')).toHaveLength(15);
    expect(municipalitiesOn('2021-06-01').map((m) => m.code)).toEqual(
      expect.arrayContaining(['GM1930', 'GM0501', 'GM0530', 'GM0614']),
    );
  });

  it('has 13 municipalities on 2023-06-01, after Voorne aan Zee was formed', () => {
    const codes = municipalitiesOn('2023-06-01').map((m) => m.code);
    expect(codes).toHaveLength(13);
    expect(codes).toContain('GM1992');
    expect(codes).not.toContain('GM0501');
  });

  it('has Bernisse and Spijkenisse, not Nissewaard, in 2014', () => {
    const codes = municipalitiesOn('2014-06-01').map((m) => m.code);
    expect(codes).toEqual(expect.arrayContaining(['GM0568', 'GM0612']));
    expect(codes).not.toContain('GM1930');
  });

  it.each([
    ['GM0612', '2014-12-31', true],
    ['GM0612', '2015-01-01', false],
    ['GM1930', '2014-12-31', false],
    ['GM1930', '2015-01-01', true],
    ['GM0614', '2022-12-31', true],
    ['GM0614', '2023-01-01', false],
    ['GM1992', '2022-12-31', false],
    ['GM1992', '2023-01-01', true],
    ['GM0599', '1990-01-01', true],
    ['GM0599', '2030-01-01', true],
    ['GM0363', '2021-06-01', false], // Amsterdam: not in the region
    ['GM0599', '2021-02-30', false], // not a date
  ])('municipalityValidOn(%s, %s) = %s', (code, date, expected) => {
    expect(municipalityValidOn(code, date)).toBe(expected);
  });

  it('finds a municipality by code, with its validity', () => {
    expect(findMunicipality('GM1930')).toEqual({ code: 'GM1930', name: 'Nissewaard', validFrom: '2015-01-01' });
    expect(findMunicipality('GM9999')).toBeUndefined();
  });

  it('has unique codes, well-formed, and merged codes point at a successor that starts the next day', () => {
    const codes = RIJNMOND_MUNICIPALITIES.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const m of RIJNMOND_MUNICIPALITIES) {
      expect(m.code).toMatch(/^GM\d{4}$/);
      if (m.validFrom && m.validUntil) expect(isOnOrBefore(m.validFrom, m.validUntil)).toBe(true);
      if (m.succeededBy) {
        const successor = findMunicipality(m.succeededBy);
        expect(successor?.validFrom).toBeDefined();
        expect(municipalityValidOn(m.succeededBy, m.validUntil!)).toBe(false);
      }
    }
  });
});

describe('institutions', () => {
  it('describes every institution code of the events, LJR as LJ&R', () => {
    expect(RIJNMOND_INSTITUTIONS.map((i) => i.code)).toEqual([...INSTITUTIONS]);
    expect(findInstitution('LJR')?.shortName).toBe('LJ&R');
    expect(findInstitution('JBRR')?.name).toBe('Jeugdbescherming Regio Rotterdam');
    expect(findInstitution('WSS')?.name).toBe('William Schrikker Stichting');
    expect(findInstitution('XYZ')).toBeUndefined();
  });
});

describe('REFERENCE_DATA_VERSION', () => {
  it('is a non-empty version label', () => {
    expect(REFERENCE_DATA_VERSION).toMatch(/^rijnmond-\d{4}-\d{2}-\d{2}\.\d+$/);
  });
});
