import type { Random } from './random';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const hex32 = (n: number): string => HEX[n >>> 24] + HEX[(n >>> 16) & 0xff] + HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];

/**
 * A version-4 UUID whose 122 random bits come from the seeded stream instead of the system's entropy: the same
 * shape as the api's randomUUID() ids (case, event, waiting-list entry and request ids), reproducible by seed.
 */
export const seededUuid = (random: Random): string => {
  const a = hex32(random.uint32());
  const b = hex32(((random.uint32() & 0xffff0fff) | 0x00004000) >>> 0);
  const c = hex32(((random.uint32() & 0x3fffffff) | 0x80000000) >>> 0);
  const d = hex32(random.uint32());
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
};

/**
 * A version-7 UUID (RFC 9562): the first 48 bits are the given Unix time in milliseconds - here the simulated
 * moment of recording - the other 74 bits come from the seeded stream. Ids of events and cases then grow with
 * the log, so a bulk load appends to the end of the store's unique indexes instead of scattering writes over
 * them (random ids made every insert touch another page; see the README's Synthetic data section).
 */
export const timeOrderedUuid = (ms: number, random: Random): string => {
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  const a = hex32(((random.uint32() & 0x0fff) | 0x7000) >>> 0).slice(4);
  const b = hex32(((random.uint32() & 0x3fffffff) | 0x80000000) >>> 0);
  const c = hex32(random.uint32());
  return `${time.slice(0, 8)}-${time.slice(8)}-${a}-${b.slice(0, 4)}-${b.slice(4)}${c}`;
};
