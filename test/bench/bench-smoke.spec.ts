import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchResult } from '../../bench/src/report/bench-result';
import { POSTGRES_ADMIN_URL, postgresUnreachableReason, redact } from '../read-models/support/read-model-databases';

/**
 * `npm run bench -- --profile rijnmond-year --smoke` once, as CI runs it: the JSON must hold every figure as a
 * positive number with its method, the store workload's checks must have passed, and the non-2xx answers of
 * every HTTP run must be reported. No timing is asserted: this machine's numbers are the bench's business.
 */

const REPO_ROOT = resolve(__dirname, '..', '..');
const BENCH_TIMEOUT_MS = 6 * 60_000;

const KPI = ['timeliness', 'waiting', 'waiting-series', 'caseload', 'inflow', 'registration-lag'];
const ADAPTER_FIGURES = [
  'w1.appendsPerSecond', 'w1.p50Ms', 'w1.p99Ms', 'w2.eventsPerSecond', 'w3a.eventsPerSecond', 'w3b.eventsPerSecond',
  'w1.vsRawInsert', 'w2.vsRawInsert', 'w3a.vsRawRead', 'w3b.vsRawRead', 'w1.peakRssMb', 'w2.peakRssMb', 'w3.peakRssMb',
];
const rebuildFigures = (target: string) => [`rebuild.${target}.eventsPerSecond`, `rebuild.${target}.vsRawRead`, `rebuild.${target}.peakRssMb`];

const EXPECTED_FIGURES = [
  'generate.seconds',
  'generate.peakRssMb',
  'rebuild.rawRead.eventsPerSecond',
  ...rebuildFigures('sqlite'),
  ...KPI.flatMap((endpoint) => [`kpi.${endpoint}.p50Ms`, `kpi.${endpoint}.p95Ms`]),
  ...['caseHistory', 'caseAsOf', 'accessLog'].flatMap((read) => [`history.${read}.p50Ms`, `history.${read}.p95Ms`]),
  'service.queries.peakRssMb',
  ...[1, 8, 32].flatMap((c) => ['successPerSecond', 'p50Ms', 'p95Ms', 'p99Ms'].map((f) => `commands.c${c}.${f}`)),
  'service.commands.peakRssMb',
  'store.raw.insert.rowsPerSecond',
  'store.raw.read.rowsPerSecond',
  'store.raw.peakRssMb',
  ...['sqlite', 'esdb'].flatMap((adapter) => ADAPTER_FIGURES.map((f) => `store.${adapter}.${f}`)),
  'store.esdb.double.w2w3.peakRssMb',
];

function runBench(outDir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn('npm', ['run', '-s', 'bench', '--', '--profile', 'rijnmond-year', '--smoke', '--out', outDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code: code ?? 1, output }));
  });
}

describe('npm run bench -- --smoke', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  const postgresUnreachable = postgresUnreachableReason();
  let run: { code: number; output: string };
  let result: BenchResult;

  beforeAll(async () => {
    run = await runBench(outDir);
    result = JSON.parse(readFileSync(join(outDir, 'latest-rijnmond-year-smoke.json'), 'utf8')) as BenchResult;
  }, BENCH_TIMEOUT_MS);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('finishes without problems', () => {
    expect({ code: run.code, problems: result.problems }).toEqual({ code: 0, problems: [] });
    expect(result.ok).toBe(true);
  });

  it('holds every figure as a positive number with its method', () => {
    for (const figure of result.figures) {
      expect({ key: figure.key, positive: Number.isFinite(figure.value) && figure.value > 0 }).toEqual({ key: figure.key, positive: true });
      expect(figure.method.length).toBeGreaterThan(20);
      expect(figure.note.length).toBeGreaterThan(0);
      expect(figure.unit.length).toBeGreaterThan(0);
    }
    const keys = result.figures.map((figure) => figure.key);
    expect(keys).toEqual(expect.arrayContaining(EXPECTED_FIGURES));
  });

  it('rebuilds into PostgreSQL too, unless it is unreachable and not required', () => {
    const postgres = rebuildFigures('postgres');
    const keys = result.figures.map((figure) => figure.key);
    if (postgresUnreachable !== undefined && process.env.REQUIRE_POSTGRES !== '1') {
      console.log(`bench smoke: PostgreSQL rebuild skipped, ${redact(POSTGRES_ADMIN_URL)} unreachable (${postgresUnreachable})`);
      expect(result.skipped.map((skip) => skip.what)).toContain('rebuild into PostgreSQL');
      return;
    }
    expect(keys).toEqual(expect.arrayContaining(postgres));
  });

  it('passes every check of the store workload', () => {
    expect(result.storeWorkload?.checks.length).toBeGreaterThanOrEqual(11);
    expect(result.storeWorkload?.checks.filter((check) => !check.passed)).toEqual([]);
    expect(result.storeWorkload?.passed).toBe(true);
  });

  it('reports the non-2xx answers of every HTTP run', () => {
    const runs = result.requests.map((tally) => `${tally.phase} ${tally.name}`);
    expect(runs).toEqual(expect.arrayContaining(['commands c=1', 'commands c=8', 'commands c=32', 'kpi /kpi/timeliness', 'history GET /cases/{id}/history']));
    for (const tally of result.requests) {
      expect(Number.isInteger(tally.non2xx) && tally.non2xx >= 0).toBe(true);
      expect(tally.ok2xx + tally.non2xx).toBe(tally.answered);
      expect(typeof tally.statusCounts).toBe('object');
    }
  });
});
