/**
 * The eleven-test (elfproef) of the Dutch citizen service number (BSN): for the digits d1..d9,
 * 9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9 is divisible by 11. Nine zeros are no number.
 *
 * Roughly one nine-digit number in eleven passes, so passing says "could be a BSN", not "is one".
 */
const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

export const passesBsnElevenTest = (digits: string): boolean => {
  if (!/^[0-9]{9}$/.test(digits) || digits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += WEIGHTS[i] * (digits.charCodeAt(i) - 48);
  return sum % 11 === 0;
};
