import { type RandomGenerator, unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import { addDays, type BusinessDate, daysBetween } from '@app/domain';

/**
 * The bench's choices (which case, which step, which dates and query parameters) from one seeded generator, so
 * that two runs with the same --seed send the same mix. Mutable on purpose: the bench draws millions of numbers.
 */
export class SeededRandom {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.rng);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  chance(probability: number): boolean {
    return this.int(0, 999_999) < probability * 1_000_000;
  }

  /** A date in [from, to]; `from` when the range is empty. */
  dateBetween(from: BusinessDate, to: BusinessDate): BusinessDate {
    const span = daysBetween(from, to);
    return span <= 0 ? from : addDays(from, this.int(0, span));
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
