import type { Actor } from '../auth/actor';

/**
 * Statistical disclosure control (BRIEF, Privacy): analysts see aggregates in which no small group can be
 * singled out. A count from 1 to K-1 is withheld (null), and so is a percentage whose denominator is below K.
 * Zero is shown: "nobody" identifies nobody. Auditors and admins, who may see case-level data anyway, get exact
 * figures.
 */
export interface DisclosurePolicy {
  suppress: boolean;
  k: number;
}

export const disclosureFor = (actor: Actor, k: number): DisclosurePolicy => ({ suppress: actor.role === 'analyst', k });

export type Disclosed<T> = { [K in keyof T]: T[K] extends number ? number | null : T[K] } & { suppressed?: true };

/** Withholds the small counts of one figure set; `percentages` name the percentage fields and their denominator. */
export function disclose<T extends Record<string, unknown>>(
  figures: T,
  policy: DisclosurePolicy,
  percentages: Partial<Record<keyof T, number>> = {},
): Disclosed<T> {
  if (!policy.suppress) return figures as Disclosed<T>;
  let suppressed = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(figures)) {
    const denominator = percentages[key as keyof T];
    const hide =
      typeof value === 'number' &&
      (denominator !== undefined ? denominator < policy.k : Number.isInteger(value) && value >= 1 && value < policy.k);
    if (hide) suppressed = true;
    out[key] = hide ? null : value;
  }
  return (suppressed ? { ...out, suppressed: true } : out) as Disclosed<T>;
}
