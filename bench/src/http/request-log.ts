import type { LoadResult } from './load-run';

/**
 * What every HTTP run answered, kept apart from the figures: non-2xx answers are reported, never folded into a
 * latency or a rate, and a run where most answers are not 2xx makes the bench fail - it measured nothing.
 */
export interface RequestTally {
  phase: 'commands' | 'kpi' | 'history';
  name: string;
  connections: number;
  seconds: number;
  answered: number;
  ok2xx: number;
  non2xx: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
}

export function tally(phase: RequestTally['phase'], name: string, result: LoadResult): RequestTally {
  const answered = Object.values(result.statusCounts).reduce((sum, count) => sum + count, 0);
  return {
    phase,
    name,
    connections: result.connections,
    seconds: result.seconds,
    answered,
    ok2xx: result.ok2xx,
    non2xx: result.non2xx,
    statusCounts: result.statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Problems that invalidate a run: no answers, or fewer than 95% of them 2xx. */
export function tallyProblems(tallies: readonly RequestTally[]): string[] {
  return tallies
    .filter((t) => t.answered === 0 || t.ok2xx / t.answered < 0.95)
    .map((t) => `${t.phase} ${t.name}: ${t.ok2xx} of ${t.answered} answers 2xx (${JSON.stringify(t.statusCounts)}, ${t.errors} errors, ${t.timeouts} timeouts)`);
}
