import { Random } from './random';
import { seededUuid, timeOrderedUuid } from './ids';

describe('Random', () => {
  const draws = (random: Random, n = 8) => Array.from({ length: n }, () => random.uint32());

  it('gives the same stream for the same key, another for another seed, purpose or index', () => {
    expect(draws(Random.stream(1, 2, 3))).toEqual(draws(Random.stream(1, 2, 3)));
    const others = [Random.stream(2, 2, 3), Random.stream(1, 3, 3), Random.stream(1, 2, 4), Random.stream(1, 2, 0)];
    for (const other of others) expect(draws(other)).not.toEqual(draws(Random.stream(1, 2, 3)));
  });

  it('draws within bounds, with the weights and means asked for', () => {
    const random = Random.stream(7, 1);
    const ints = Array.from({ length: 20000 }, () => random.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    const picks = Array.from({ length: 20000 }, () => random.weighted([['a', 1], ['b', 3]] as const));
    expect(picks.filter((p) => p === 'b').length / picks.length).toBeCloseTo(0.75, 1);
    const poisson = Array.from({ length: 20000 }, () => random.poisson(2.5));
    expect(poisson.reduce((a, b) => a + b) / poisson.length).toBeCloseTo(2.5, 1);
    const waits = Array.from({ length: 20001 }, () => random.logNormal(100, 0.6)).sort((a, b) => a - b);
    expect(waits[10000] / 100).toBeCloseTo(1, 1);
  });
});

describe('seeded ids', () => {
  it('are version 4 UUIDs, or version 7 ones that start with the given time', () => {
    const random = Random.stream(1, 1);
    expect(seededUuid(random)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const at = Date.parse('2025-03-04T10:11:12.345Z');
    const id = timeOrderedUuid(at, random);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(timeOrderedUuid(at + 1, random) > id).toBe(true);
  });
});
