import { summarizeLatencies } from '../stats/percentiles';
import { type LoadResult, type PlannedRequest, runLoad } from './load-run';

/**
 * Requests one at a time (a single autocannon connection) for a fixed time - and at least MIN_SAMPLES of them,
 * so that a p95 is the 95th of at least a hundred answers, not the worst but one of twenty, and a read slower
 * than that time (a large profile) still gets one. WARM_UP_REQUESTS go first and are not measured: the first
 * answers of a freshly started service pay for the JIT and for SQLite's empty page cache, once.
 */
export const MIN_SAMPLES = 100;
export const WARM_UP_REQUESTS = 3;

export async function sequentialReads(url: string, seconds: number, next: () => PlannedRequest): Promise<LoadResult> {
  await runLoad({ url, connections: 1, amount: WARM_UP_REQUESTS, next });
  const timed = await runLoad({ url, connections: 1, duration: seconds, next });
  const missing = MIN_SAMPLES - timed.latencySamples.length;
  if (missing <= 0 || timed.ok2xx < timed.non2xx) return timed;
  return merge(timed, await runLoad({ url, connections: 1, amount: missing, next }));
}

function merge(a: LoadResult, b: LoadResult): LoadResult {
  const samples = [...a.latencySamples, ...b.latencySamples];
  const statusCounts = { ...a.statusCounts };
  for (const [status, count] of Object.entries(b.statusCounts)) statusCounts[status] = (statusCounts[status] ?? 0) + count;
  const seconds = a.seconds + b.seconds;
  return {
    connections: a.connections,
    seconds,
    statusCounts,
    ok2xx: a.ok2xx + b.ok2xx,
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
    timeouts: a.timeouts + b.timeouts,
    successPerSecond: (a.ok2xx + b.ok2xx) / seconds,
    latencyMs: summarizeLatencies(samples),
    latencySamples: samples,
  };
}
