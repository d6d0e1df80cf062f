import { passesBsnElevenTest } from './bsn';

// Synthetic numbers only: 111222333 and 123456782 are the standard test BSNs, the rest are made up here.
describe('passesBsnElevenTest', () => {
  it.each(['111222333', '123456782', '999999990'])('%s passes', (digits) => {
    expect(passesBsnElevenTest(digits)).toBe(true);
  });

  it.each([
    ['123456789', 'weighted sum 161, not divisible by 11'],
    ['111222334', 'last digit changed'],
    ['211222333', 'first digit changed'],
    ['000000000', 'nine zeros are no number'],
  ])('%s fails (%s)', (digits) => {
    expect(passesBsnElevenTest(digits)).toBe(false);
  });

  it('weighs the last digit -1: 9*d1 + 8*d2 + ... + 2*d8 - d9', () => {
    // 9*1 + 8*2 + ... + 2*8 = 156: minus a last digit 2 gives 154 = 14 * 11; with +2 (158) or 0 (156) it fails.
    expect(passesBsnElevenTest('123456782')).toBe(true);
    expect(passesBsnElevenTest('123456780')).toBe(false);
    expect(passesBsnElevenTest('123456783')).toBe(false);
  });

  it.each(['12345678', '1234567820', '12345678a', '123 456 782', '', '１２３４５６７８２'])(
    'takes exactly nine ASCII digits, not %p',
    (text) => expect(passesBsnElevenTest(text)).toBe(false),
  );
});
