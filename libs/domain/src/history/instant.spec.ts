import { knownBy, parseInstant } from './instant';

describe('parseInstant', () => {
  it.each([
    ['2021-09-01T10:00:00Z', Date.UTC(2021, 8, 1, 10)],
    ['2021-09-01T10:00Z', Date.UTC(2021, 8, 1, 10)],
    ['2021-09-01T12:00:00+02:00', Date.UTC(2021, 8, 1, 10)],
    ['2021-09-01T10:00:00.5Z', Date.UTC(2021, 8, 1, 10, 0, 0, 500)],
    ['2021-09-01T10:00:00.123999Z', Date.UTC(2021, 8, 1, 10, 0, 0, 123)],
    ['2021-09-01T05:30:00-04:30', Date.UTC(2021, 8, 1, 10)],
  ])('reads %s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each([
    '2021-09-01', // a bare date: which day's midnight, in which zone?
    '2021-09-01T10:00:00', // no zone: local time of whoever typed it
    '2021-02-30T10:00:00Z', // Date.parse would make this 2 March
    '2021-09-01T24:00:00Z',
    '2021-09-01T10:60:00Z',
    '2021-09-01T10:00:00+15:00',
    '2021-09-01 10:00:00Z',
    '',
    42,
    undefined,
  ])('refuses %p', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});

describe('knownBy', () => {
  it('compares the moments, whatever their zones', () => {
    expect(knownBy('2021-09-01T10:00:00.000Z', '2021-09-01T12:00:00+02:00')).toBe(true);
    expect(knownBy('2021-09-01T10:00:00.001Z', '2021-09-01T12:00:00+02:00')).toBe(false);
    expect(knownBy('whenever', null)).toBe(true);
    expect(knownBy(undefined, '2021-09-01T10:00:00Z')).toBe(false);
  });
});
