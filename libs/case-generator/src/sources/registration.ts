import type { Random } from '../random';

/**
 * How long after a step happened it is recorded. The region's indicators ask for registration within 21 days
 * (seed 001, appendix 4: "at most three weeks (21 days) before or after"); most steps are recorded the same day
 * or within the week, a few are late. Whole days; the shares are assumptions.
 */
const LAG_DAYS: readonly (readonly [readonly [number, number], number])[] = [
  [[0, 0], 0.38],
  [[1, 2], 0.3],
  [[3, 7], 0.19],
  [[8, 21], 0.1],
  [[22, 70], 0.03],
];

export const drawRegistrationLag = (random: Random): number => {
  const [min, max] = random.weighted(LAG_DAYS);
  return random.int(min, max);
};

/** Steps are recorded in office hours: 07:00-17:00 UTC, which is the same calendar day in Amsterdam. */
export const OFFICE_START_MS = 7 * 3600_000;
export const OFFICE_SPAN_MS = 10 * 3600_000;
