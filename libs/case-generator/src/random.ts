import { type RandomGenerator, xoroshiro128plus } from 'pure-rand';

/**
 * Seeded randomness for the generator, on pure-rand's xoroshiro128+. Every case draws from a stream of its own,
 * keyed by the run's seed and the case's arrival index, so a case's history does not depend on how the cases
 * interleave in the log, on how many other cases there are, or on whether they are written at all: the first n
 * cases of a run are the same whether the run stops there or not.
 */

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers that spreads every input bit over the output. */
const fmix32 = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
};

const TWO_TO_32 = 4294967296;

export class Random {
  private constructor(private readonly rng: RandomGenerator) {}

  /**
   * The stream for (seed, purpose, index). The first two state words are bijections of the index and of the
   * seed mixed with the purpose, so distinct keys never share a state (and so never share a stream).
   */
  static stream(seed: number, purpose: number, index = 0): Random {
    const a = fmix32((index | 0) + 0x9e3779b9);
    const b = fmix32(fmix32(seed | 0) ^ Math.imul(purpose | 0, 0x27d4eb2f));
    const rng = xoroshiro128plus.fromState([a, b, fmix32(a ^ 0x68e31da4), fmix32(b ^ 0x1b56c4e9)]);
    const random = new Random(rng);
    for (let i = 0; i < 4; i += 1) rng.unsafeNext(); // let the mixed state settle before the first draw
    return random;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.rng.unsafeNext() >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / TWO_TO_32;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the weighted items; the weights need not add up to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let r = this.next() * total;
    for (const [item, weight] of items) {
      r -= weight;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** Standard normal (Box-Muller; one draw of the pair is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median and shape: waiting times, long right tail. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean: the time to the next event of a steady process (turnover, illness). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson count with mean lambda (Knuth's method; lambda is at most a few hundred here). */
  poisson(lambda: number): number {
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k += 1;
    return k;
  }
}

/** Purposes of the streams drawn from one seed, so they never overlap. */
export const STREAM = { arrivals: 1, child: 2, recording: 3, case: 4 } as const;
