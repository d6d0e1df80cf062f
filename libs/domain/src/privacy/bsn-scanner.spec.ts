import { containsBsn, findBsnNumbers, findNineDigitNumbers } from './bsn-scanner';

// Synthetic numbers only: 111222333 and 123456782 pass the eleven-test, 123456789 does not.
const digitsIn = (text: string) => findNineDigitNumbers(text).map((n) => n.digits);

describe('findNineDigitNumbers', () => {
  it('finds a plain run of nine digits and where it is', () => {
    expect(findNineDigitNumbers('bsn 123456782 known')).toEqual([{ start: 4, end: 13, digits: '123456782' }]);
  });

  it.each([
    ['start of text', '111222333 is new'],
    ['end of text', 'new: 111222333'],
    ['glued to letters', 'child111222333x'],
    ['inside a reference', 'child-111222333'],
    ['between punctuation', '(111222333).'],
    ['followed by a decimal part', '111222333,50'],
  ])('plain, %s', (_where, text) => {
    expect(digitsIn(text)).toEqual(['111222333']);
  });

  it.each([
    ['dots 3-3-3', 'nr 123.456.782 in file'],
    ['dots 4-2-3', 'nr 1234.56.782'],
    ['spaces 3-3-3', 'nr 123 456 782'],
    ['spaces 4-2-3', 'nr 1234 56 782'],
    ['hyphens 3-3-3', 'nr 123-456-782'],
    ['hyphens 4-2-3', 'nr 1234-56-782'],
    ['hyphens 2-2-2-3', '12-34-56-782'],
    ['after a hyphenated prefix', 'bsn-123-456-782'],
    ['in brackets', '(123.456.782)'],
    ['at the end of a sentence', 'known as 123 456 782.'],
    ['followed by a number with another separator', 'nr 1234.56.782 2021'],
  ])('grouped, %s', (_how, text) => {
    expect(digitsIn(text)).toContain('123456782');
  });

  it.each([
    ['a ten-digit phone number', 'call 0612345678'],
    ['a ten-digit run holding a valid nine', 'ref 1111222333'],
    ['an eleven-digit run', '31612345678'],
    ['eight digits', '12345678'],
    ['a phone number in groups', '06 12 34 56 78'],
    ['a phone number with an area code', '010-123 45 67'],
    ['a longer grouped number', '1.123.456.782'],
    ['groups continuing with the same separator', '123 456 782 2021'],
    ['mixed separators', '123.456 782'],
    ['a doubled separator', '123  456  782'],
    ['a separator that is not one', '123,456,782 and 123/456/782 and 123_456_782'],
    ['a date', 'on 2021-03-01'],
    ['a grouped number glued to letters', 'a12-3456-789b'],
    ['non-ASCII digits', '１２３４５６７８２'],
  ])('ignores %s', (_what, text) => {
    expect(digitsIn(text)).toEqual([]);
  });

  it('finds a number made of the only nine digits in the text, up to its last character', () => {
    expect(digitsIn('123.456.782')).toEqual(['123456782']);
    expect(digitsIn('ref 12345678 9')).toEqual(['123456789']);
    expect(digitsIn('ref 1234.5678 and 9')).toEqual([]);
  });

  it('finds every number in a text, in order, once', () => {
    expect(digitsIn('111222333 and 123.456.782 and 123456789')).toEqual(['111222333', '123456782', '123456789']);
  });
});

describe('findBsnNumbers / containsBsn', () => {
  it('keeps only the numbers that pass the eleven-test', () => {
    expect(findBsnNumbers('123456789 and 123 456 782').map((n) => n.digits)).toEqual(['123456782']);
  });

  it.each(['111222333', 'child-123456782', 'BSN: 123.456.782', 'nr 1234 56 782', '111-222-333'])(
    'sees a BSN in %p',
    (text) => expect(containsBsn(text)).toBe(true),
  );

  it.each([
    '123456789',
    '123.456.789',
    'call 0612345678',
    'child-7f3a',
    'No capacity at the provider until 2021-06-01.',
    'team-intake-3',
    'provider-9d04',
    '',
  ])('sees no BSN in %p', (text) => expect(containsBsn(text)).toBe(false));
});
