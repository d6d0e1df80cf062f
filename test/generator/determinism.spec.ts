import { emptyStats, PROFILES, simulate, simulateInParallel, simulateSpilled, toRow, type EventRow } from '@app/case-generator';
import { logHash, TINY_PROFILE } from './support/generated';

/**
 * The same seed gives the same events byte for byte - ids, data, metadata with its recording time and seals,
 * and their order in the log - and another seed gives other events. Nothing may come from the wall clock or
 * the system's randomness, nor from how the run is split over threads.
 */
const rowsOf = (seed: number, maxCases?: number, profile = PROFILES['rijnmond-year']): EventRow[] =>
  [...simulate(profile, seed, { maxCases })].map(toRow);

describe('generated logs', () => {
  it('are the same, byte for byte, for the same seed', () => {
    const first = logHash(rowsOf(7, 150));
    const again = logHash(rowsOf(7, 150));
    expect(first.events).toBeGreaterThan(1000);
    expect(again).toEqual(first);
  });

  it('differ for another seed: other ids, other histories', () => {
    const one = rowsOf(7, 100);
    const other = rowsOf(8, 100);
    expect(logHash(other).hash).not.toBe(logHash(one).hash);
    const ids = new Set(one.map((row) => row.event.eventId));
    expect(other.filter((row) => ids.has(row.event.eventId))).toEqual([]);
    expect(other.map((row) => row.event.dataJson)).not.toEqual(one.map((row) => row.event.dataJson));
  });

  it("keep each case's history when the run stops early: the first cases of a run are those of the full run", () => {
    const short = rowsOf(7, 50);
    const long = rowsOf(7, 150);
    const shortCases = new Set(short.map((row) => row.streamId));
    expect(shortCases.size).toBe(50);
    expect(long.filter((row) => shortCases.has(row.streamId))).toEqual(short);
  });

  it('do not depend on the number of worker threads the simulation runs on', async () => {
    const single = [...simulate(TINY_PROFILE, 3)].map(toRow);
    const stats = emptyStats();
    const parallel: EventRow[] = [];
    for await (const rows of simulateInParallel(TINY_PROFILE, 3, { workers: 2, batchSize: 97, stats })) parallel.push(...rows);
    expect(single.length).toBeGreaterThan(1000);
    expect(logHash(parallel)).toEqual(logHash(single));
    expect(stats.events).toBe(single.length);
    expect(stats.refused).toEqual({});
  }, 120_000);

  it('are the same when a big run goes in two passes, its partitions spilled to files and merged', async () => {
    const single = logHash([...simulate(TINY_PROFILE, 3)].map(toRow));
    for (const workers of [0, 2]) {
      const stats = emptyStats();
      const spilled: EventRow[] = [];
      for await (const rows of simulateSpilled(TINY_PROFILE, 3, { parts: 3, workers, stats })) spilled.push(...rows);
      expect({ workers, ...logHash(spilled) }).toEqual({ workers, ...single });
      expect(stats.events).toBe(single.events);
    }
  }, 120_000);

  it('are recorded in time order, with recordedAt from the simulated clock and every step dated in the past', () => {
    const rows = rowsOf(7, 150);
    const recordedAt = rows.map((row) => (JSON.parse(row.event.metadataJson) as { recordedAt: string }).recordedAt);
    expect([...recordedAt].sort()).toEqual(recordedAt);
    expect(recordedAt.every((at) => at >= '2017-01-01' && at <= '2025-12-31T23:59:59.999Z')).toBe(true);
    expect(rows.map((row) => row.recordAt)).toEqual(recordedAt.map((at) => Date.parse(at)));
  });
});
