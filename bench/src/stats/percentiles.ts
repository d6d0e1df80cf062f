/**
 * Nearest-rank percentiles and the median/min-max summary of repeated runs. Samples are few enough here (at most
 * tens of thousands per figure) that sorting them beats pulling in a histogram with its own rounding.
 */

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile (p in 0..100) of samples sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarizeLatencies(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  return {
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    count: sorted.length,
  };
}

/** The median of an odd or even number of runs (the mean of the middle two), with the extremes. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('spreadOf: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
