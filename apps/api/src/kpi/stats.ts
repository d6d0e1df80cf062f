/** Distribution figures of a list of day counts: median and 90th percentile by the nearest-rank method. */
export interface DayStats {
  count: number;
  median: number | null;
  p90: number | null;
  max: number | null;
}

export function dayStats(values: ArrayLike<number>): DayStats {
  if (values.length === 0) return { count: 0, median: null, p90: null, max: null };
  // A typed array sorts numerically in native code, without a JS comparator call per comparison (ten thousand
  // children a request); the copy leaves the caller's list as it was.
  const sorted = new Float64Array(values).sort();
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  return { count: sorted.length, median: rank(0.5), p90: rank(0.9), max: sorted[sorted.length - 1] };
}
