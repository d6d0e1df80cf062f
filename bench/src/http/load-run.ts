import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { summarizeLatencies, type LatencySummary } from '../stats/percentiles';

/**
 * One autocannon run whose every request comes from `next()`: a different case, route and body each time.
 * autocannon keeps one request in flight per connection and hands setupRequest's context to onResponse of the
 * same request, so each request's `settle` learns its own answer. Latencies are autocannon's response times
 * from its 'response' event, kept per request so that p95 (which autocannon's summary lacks) can be given.
 */

export interface PlannedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Called with the answer when it arrives (not for requests cut off at the end of the run). */
  settle?: (status: number, body: string) => void;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; or, instead, `amount` requests. */
  duration?: number;
  amount?: number;
  next: () => PlannedRequest;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Answers by status code. */
  statusCounts: Record<string, number>;
  ok2xx: number;
  non2xx: number;
  /** Connection errors and timeouts (no answer at all). */
  errors: number;
  timeouts: number;
  successPerSecond: number;
  /** Of 2xx answers only. */
  latencyMs: LatencySummary;
  /** The 2xx response times themselves, to merge runs. */
  latencySamples: number[];
}

interface Context {
  planned?: PlannedRequest;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration }),
        timeout: 60,
        requests: [
          {
            setupRequest: (request, context) => {
              const planned = options.next();
              (context as Context).planned = planned;
              return { ...request, method: planned.method, path: planned.path, headers: planned.headers, body: planned.body };
            },
            onResponse: (status, body, context) => (context as Context).planned?.settle?.(status, body),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // autocannon 8 emits (client, statusCode, bytes, responseTime); @types/autocannon leaves out the client.
    (instance as unknown as EventEmitter).on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const statusCounts: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCounts[status] = count ?? 0;
  return {
    connections: options.connections,
    seconds: result.duration,
    statusCounts,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    successPerSecond: result['2xx'] / result.duration,
    latencyMs: summarizeLatencies(latencies),
    latencySamples: latencies,
  };
}
