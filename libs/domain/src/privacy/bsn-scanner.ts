import { passesBsnElevenTest } from './bsn';

/**
 * Finds the nine-digit numbers a text contains, the way people write a BSN:
 *
 * - plain: a run of exactly nine digits, with no digit directly before or after it ("111222333",
 *   "child-111222333", "c111222333"); digits inside a longer run (a 10-digit phone number 0612345678) are not
 *   a number of their own. Because letters do not end a plain run, random hex ids sometimes hold one that passes
 *   the eleven-test (about 1 UUID in 770): ids meant for events should be minted so that containsBsn is false;
 * - grouped: digit groups joined by single separators of one kind - all dots, all spaces or all hyphens - that
 *   total nine digits ("123.456.782", "1234.56.782", "123 456 782", "12-34-56-782"). The chain is taken as a
 *   whole: when more groups follow with the same separator ("1.123.456.782", "06 12 34 56 78") it is a longer
 *   number and not matched. A change of separator ends a chain ("1234.56.782 2021" holds the dotted
 *   "1234.56.782"), a doubled separator or any other character ("123,456,782", "123/456/782", "123  456  782")
 *   breaks it. A grouped number must stand on its own: a letter directly before its first or after its last
 *   digit makes it part of a code, not a number (the hex groups of a UUID, "a12-3456-789b"), whereas a
 *   separator or punctuation there does not ("bsn-123-456-782", "(123.456.782)").
 *
 * Only ASCII digits count. The scanner reports where each number is; whether it could be a BSN is the
 * eleven-test's call (findBsnNumbers).
 */
export interface NineDigitNumber {
  /** Offset of the first digit in the text. */
  start: number;
  /** Offset just after the last digit. */
  end: number;
  /** The nine digits without separators. */
  digits: string;
}

export const BSN_SEPARATORS = ['.', ' ', '-'] as const;

interface DigitGroup {
  start: number;
  end: number;
}

const digitGroups = (text: string): DigitGroup[] =>
  Array.from(text.matchAll(/[0-9]+/g), (m) => ({ start: m.index, end: m.index + m[0].length }));

/** The separator joining two neighbouring groups: exactly one separator character between them, or none. */
const joiner = (text: string, left: DigitGroup, right: DigitGroup): string | undefined => {
  if (right.start !== left.end + 1) return undefined;
  const between = text[left.end];
  return (BSN_SEPARATORS as readonly string[]).includes(between) ? between : undefined;
};

const digitsOf = (text: string, groups: readonly DigitGroup[]): string =>
  groups.map((g) => text.slice(g.start, g.end)).join('');

/** Whether the text holds nine ASCII digits at all: every number found is nine of them, most texts have fewer. */
const hasNineDigits = (text: string): boolean => {
  let digits = 0;
  for (let i = 0; i < text.length && digits < 9; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += 1;
  }
  return digits === 9;
};

export const findNineDigitNumbers = (text: string): NineDigitNumber[] => {
  if (!hasNineDigits(text)) return [];
  const groups = digitGroups(text);
  const found: NineDigitNumber[] = [];
  const add = (chain: readonly DigitGroup[]) => {
    const digits = digitsOf(text, chain);
    if (digits.length !== 9) return;
    const start = chain[0].start;
    const end = chain[chain.length - 1].end;
    if (!found.some((n) => n.start === start && n.end === end)) found.push({ start, end, digits });
  };

  for (const group of groups) add([group]);

  // A grouped number stands on its own: glued to a letter it is a piece of a code (a UUID's hex groups).
  const standsAlone = (chain: readonly DigitGroup[]) =>
    !/[A-Za-z]/.test(text[chain[0].start - 1] ?? '') && !/[A-Za-z]/.test(text[chain[chain.length - 1].end] ?? '');

  // Maximal chains per separator: a chain starts at a group not joined to its predecessor by that separator.
  for (const separator of BSN_SEPARATORS) {
    for (let i = 0; i < groups.length; i += 1) {
      if (i > 0 && joiner(text, groups[i - 1], groups[i]) === separator) continue;
      let j = i;
      while (j + 1 < groups.length && joiner(text, groups[j], groups[j + 1]) === separator) j += 1;
      if (j > i && standsAlone(groups.slice(i, j + 1))) add(groups.slice(i, j + 1));
    }
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
};

/** The nine-digit numbers in the text that pass the BSN eleven-test. */
export const findBsnNumbers = (text: string): NineDigitNumber[] =>
  findNineDigitNumbers(text).filter((n) => passesBsnElevenTest(n.digits));

export const containsBsn = (text: string): boolean => findBsnNumbers(text).length > 0;
