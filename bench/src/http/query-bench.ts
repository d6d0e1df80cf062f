import { type Figure, type FigureSpec, figure } from '../report/figures';
import { progress } from '../report/progress';
import type { ApiProcess } from '../service/api-process';
import { ACCESS_LOG_PARAMETERS, CASE_AS_OF_PARAMETERS, HISTORY_PARAMETERS, type HistoryRequests } from './history-requests';
import { KPI_ENDPOINTS, KPI_PARAMETERS, type KpiRequests } from './kpi-requests';
import type { LoadResult } from './load-run';
import { type RequestTally, tally } from './request-log';
import { MIN_SAMPLES, WARM_UP_REQUESTS, sequentialReads } from './sequential-reads';

/**
 * Read latencies one request at a time: the time an analyst or auditor waits for an answer on an otherwise idle
 * service, over varied parameters (sequential-reads.ts).
 */

export interface QueryOutcome {
  figures: Figure[];
  tallies: RequestTally[];
}

const SERVICE = 'the compiled api (SQLite store and read models, in-process projection runner, info logs to /dev/null) on the profile\'s data';

function latencyFigures(keyPrefix: string, part: 'kpi' | 'history', label: string, result: LoadResult, seconds: number, what: string): Figure[] {
  const spec = (p: 'p50' | 'p95'): FigureSpec => ({
    key: `${keyPrefix}.${p}Ms`,
    part,
    label: `${label} ${p}`,
    unit: 'ms',
    note: `1 connection, ${result.seconds.toFixed(0)} s, n=${result.latencyMs.count}`,
    method:
      `${p} (nearest rank) of autocannon response times of the 2xx answers of ${result.latencyMs.count} requests sent one at a time ` +
      `(1 connection) for ${seconds} s and at least ${MIN_SAMPLES} answers (took ${result.seconds.toFixed(1)} s), after ${WARM_UP_REQUESTS} unmeasured warm-up requests, each with new parameters: ${what}; ${SERVICE}`,
  });
  return result.latencyMs.count > 0 ? [figure(spec('p50'), result.latencyMs.p50), figure(spec('p95'), result.latencyMs.p95)] : [];
}

export async function benchKpi(api: ApiProcess, requests: KpiRequests, seconds: number): Promise<QueryOutcome> {
  const outcome: QueryOutcome = { figures: [], tallies: [] };
  for (const endpoint of KPI_ENDPOINTS) {
    const result = await sequentialReads(api.url, seconds, () => requests.next(endpoint));
    progress('kpi', `/kpi/${endpoint}: p50 ${result.latencyMs.p50.toFixed(1)} ms, p95 ${result.latencyMs.p95.toFixed(1)} ms, ${result.ok2xx}/${result.ok2xx + result.non2xx} 2xx`);
    const key = `kpi.${endpoint.replace('/', '-')}`;
    const what = `GET /kpi/${endpoint} with an analyst token, ${KPI_PARAMETERS[endpoint]}, a quarter as text/csv`;
    outcome.figures.push(...latencyFigures(key, 'kpi', `GET /kpi/${endpoint}`, result, seconds, what));
    outcome.tallies.push(tally('kpi', `/kpi/${endpoint}`, result));
  }
  return outcome;
}

export async function benchHistory(api: ApiProcess, requests: HistoryRequests, seconds: number): Promise<QueryOutcome> {
  const outcome: QueryOutcome = { figures: [], tallies: [] };
  const kinds = [
    { key: 'history.caseHistory', label: 'GET /cases/{id}/history', next: () => requests.history(), what: `GET /cases/{id}/history with an auditor token, ${HISTORY_PARAMETERS}` },
    { key: 'history.caseAsOf', label: 'GET /cases/{id}?asOf', next: () => requests.caseAsOf(), what: `GET /cases/{id}?asOf=, ${CASE_AS_OF_PARAMETERS}` },
    { key: 'history.accessLog', label: 'GET /audit/access', next: () => requests.accessLog(), what: `GET /audit/access with an auditor token, ${ACCESS_LOG_PARAMETERS}` },
  ];
  for (const kind of kinds) {
    const result = await sequentialReads(api.url, seconds, kind.next);
    progress('history', `${kind.label}: p50 ${result.latencyMs.p50.toFixed(1)} ms, p95 ${result.latencyMs.p95.toFixed(1)} ms, ${result.ok2xx}/${result.ok2xx + result.non2xx} 2xx`);
    const source = kind.key === 'history.accessLog' ? 'from the access_records read model and the log after its checkpoint' : 'read from the event store and access-logged';
    outcome.figures.push(...latencyFigures(kind.key, 'history', kind.label, result, seconds, `${kind.what}; ${source}`));
    outcome.tallies.push(tally('history', kind.label, result));
  }
  return outcome;
}
