import { randomInt } from 'node:crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const REF_LETTERS = 20;

/** `person-` and 20 random lower-case letters (about 94 bits): no digits, so never anything like a BSN. */
export const PERSON_REF_PATTERN = /^person-[a-z]{20}$/;

export function newPersonRef(): string {
  let ref = 'person-';
  for (let i = 0; i < REF_LETTERS; i += 1) ref += LETTERS[randomInt(LETTERS.length)];
  return ref;
}
