import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../../apps/api/src/config/clock';
import { BENCH_PROFILES, type BenchArgs } from './cli/bench-args';
import { type BenchPlan, FULL_PLAN, SMOKE_PLAN } from './cli/bench-plan';
import { type CaseCatalog, readCaseCatalog } from './data/case-catalog';
import { generationFigures } from './data/generation-figures';
import { copyStore, countCaseEvents, generateProfile } from './data/profile-data';
import { benchCommands } from './http/commands-bench';
import { HistoryRequests } from './http/history-requests';
import { KpiRequests } from './http/kpi-requests';
import { benchHistory, benchKpi } from './http/query-bench';
import { tallyProblems } from './http/request-log';
import { ChildRuntime } from './proc/child-runtime';
import { SeededRandom } from './random/seeded-random';
import { benchRebuild, rebuild } from './rebuild/rebuild-bench';
import { rebuildFigures } from './rebuild/rebuild-figures';
import { type BenchResult, describeMachine, endLoadAverage } from './report/bench-result';
import { type Figure, figure, measurable, type Part } from './report/figures';
import { progress } from './report/progress';
import { ApiProcess } from './service/api-process';
import { buildService } from './service/build-service';
import { mintTokens, newSigningSecret } from './service/tokens';
import { runStoreWorkload } from './store-workload/run-store-workload';
import { storeFigures } from './store-workload/store-figures';

/**
 * The whole bench: build, generate the profile, rebuild its read models (measured), then start the service on
 * it for KPI, history and command runs, and finally the fixed store workload. Each phase that reports memory
 * runs in a process of its own. Whatever fails is recorded as a problem; the figures measured so far are kept.
 */

const HTTP_PARTS: readonly Part[] = ['kpi', 'history', 'commands'];
const DATA_PARTS: readonly Part[] = ['generate', 'rebuild', ...HTTP_PARTS];

export async function runBench(args: BenchArgs): Promise<BenchResult> {
  const plan = args.smoke ? SMOKE_PLAN : FULL_PLAN;
  const started = Date.now();
  const result: BenchResult = {
    schema: 1,
    ok: false,
    profile: args.profile,
    seed: args.seed,
    smoke: args.smoke,
    parts: [...args.parts],
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    wallSeconds: 0,
    phaseSeconds: {},
    machine: describeMachine(),
    figures: [],
    requests: [],
    commandFailures: [],
    skipped: [],
    problems: [],
  };
  const timed = async <T>(phase: string, work: () => Promise<T> | T): Promise<T> => {
    const phaseStart = Date.now();
    try {
      return await work();
    } finally {
      result.phaseSeconds[phase] = (Date.now() - phaseStart) / 1000;
    }
  };
  const has = (parts: readonly Part[]): boolean => parts.some((part) => args.parts.has(part));

  let runtime: ChildRuntime | undefined;
  let dataDir: string | undefined;
  try {
    // Neither is measured, so the two builds may share the cores.
    const build = has(DATA_PARTS) && !args.skipBuild;
    progress('setup', `compiling the bench's child processes${build ? ' and running npx nest build api' : ''}`);
    const [compiled, built] = await timed('setup', () => Promise.allSettled([ChildRuntime.compile(), build ? buildService() : undefined]));
    if (compiled.status === 'fulfilled') runtime = compiled.value;
    for (const outcome of [compiled, built]) if (outcome.status === 'rejected') throw outcome.reason;
    const children = runtime as ChildRuntime;
    if (has(DATA_PARTS)) {
      dataDir = mkdtempSync(join(tmpdir(), `bench-${args.profile}-`));
      await benchProfileData({ args, plan, runtime: children, result, timed, has }, dataDir);
    }
    if (args.parts.has('store')) {
      const outcome = await timed('store', () => runStoreWorkload(children, plan.store));
      result.figures.push(...storeFigures(outcome, plan.store));
      result.storeWorkload = { shape: plan.store, passed: outcome.passed, checks: outcome.checks, interruptions: outcome.interruptions };
      if (!outcome.passed) result.problems.push('a store workload check failed (see storeWorkload.checks)');
    }
  } catch (error) {
    result.problems.push(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    runtime?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  result.problems.push(...tallyProblems(result.requests.filter((t) => !t.name.startsWith('warm-up'))));
  result.ok = result.problems.length === 0;
  result.finishedAt = new Date().toISOString();
  result.wallSeconds = (Date.now() - started) / 1000;
  result.machine.loadAverage.end = endLoadAverage();
  return result;
}

/** What the phases share: the arguments, the plan, the result they add to, and the phase timer. */
interface BenchContext {
  args: BenchArgs;
  plan: BenchPlan;
  runtime: ChildRuntime;
  result: BenchResult;
  timed: <T>(phase: string, work: () => Promise<T> | T) => Promise<T>;
  has: (parts: readonly Part[]) => boolean;
}

/** Generates (or copies) the profile into `dataDir`, rebuilds its read models, then runs the HTTP parts on it. */
async function benchProfileData(context: BenchContext, dataDir: string): Promise<void> {
  const { args, result, timed } = context;
  const limit = context.plan.generateLimit;
  progress('generate', args.dataFrom ? `copying ${args.dataFrom}` : `npm run generate -- --profile ${args.profile} --seed ${args.seed}${limit ? ` --limit ${limit}` : ''}`);
  const data = await timed('generate', () => (args.dataFrom ? copyStore(args.dataFrom, dataDir, !args.parts.has('rebuild')) : generateProfile(dataDir, args.profile, args.seed, limit)));
  result.figures.push(...generationFigures(data));
  if (data.source === 'generator') progress('generate', data.summaryLine);

  let events: number;
  if (args.parts.has('rebuild')) {
    const outcome = await timed('rebuild', () => benchRebuild(context.runtime, dataDir));
    result.figures.push(...rebuildFigures(outcome));
    if ('skipped' in outcome.postgres) result.skipped.push({ what: 'rebuild into PostgreSQL', reason: outcome.postgres.skipped });
    events = outcome.sqlite.events;
  } else if (data.source === 'copied' && data.readModelsFrom) {
    progress('rebuild', `using the read models copied from ${data.readModelsFrom} (--only leaves out rebuild)`);
    events = countCaseEvents(dataDir);
  } else {
    progress('rebuild', 'building the SQLite read models (not measured: --only leaves out rebuild)');
    events = (await timed('rebuild', () => rebuild(dataDir))).events;
  }

  const random = new SeededRandom(args.seed);
  const catalog = readCaseCatalog(dataDir, random, BENCH_PROFILES[args.profile].years);
  result.data = { ...data, caseEvents: events, cases: catalog.totalCases, runningCases: catalog.runningCases, kpiPeriod: catalog.period };
  progress('data', `${events.toLocaleString('en')} case events, ${catalog.totalCases.toLocaleString('en')} cases (${catalog.runningCases.toLocaleString('en')} running), KPI period ${catalog.period.from}..${catalog.period.to}`);
  if (context.has(HTTP_PARTS)) await benchService(context, dataDir, catalog, random);
}

/** One api process for the reads and then the commands, its peak RSS reset between the two. */
async function benchService(context: BenchContext, dataDir: string, catalog: CaseCatalog, random: SeededRandom): Promise<void> {
  const { args, plan, result, timed } = context;
  const secret = newSigningSecret();
  const tokens = await mintTokens(secret);
  progress('service', 'starting the api on the profile\'s data');
  const api = await timed('service start', () => ApiProcess.start({ dataDir, secret }));
  try {
    const today = new SystemClock().today();
    if (context.has(['kpi', 'history'])) {
      const reset = api.resetPeakRss();
      if (args.parts.has('kpi')) {
        const kpi = await timed('kpi', () => benchKpi(api, new KpiRequests(random, catalog.period, today, tokens.analyst), plan.kpiSecondsPerEndpoint));
        result.figures.push(...kpi.figures);
        result.requests.push(...kpi.tallies);
      }
      if (args.parts.has('history')) {
        const history = await timed('history', () => benchHistory(api, new HistoryRequests(random, catalog.sample, today, tokens), plan.historySecondsPerKind));
        result.figures.push(...history.figures);
        result.requests.push(...history.tallies);
      }
      result.figures.push(...serviceMemory(api, 'queries', 'KPI and history reads', reset));
    }
    if (args.parts.has('commands')) {
      const reset = api.resetPeakRss();
      const commands = await timed('commands', () => benchCommands(api, catalog, tokens, random, today, plan.commands));
      result.figures.push(...commands.figures, ...serviceMemory(api, 'commands', 'the command runs', reset));
      result.requests.push(...commands.tallies);
      result.commandFailures = commands.failures;
    }
  } finally {
    await api.stop();
  }
}

function serviceMemory(api: ApiProcess, phase: 'queries' | 'commands', what: string, reset: boolean): Figure[] {
  const peak = api.peakRssMb();
  if (!measurable(peak)) return [];
  return [
    figure(
      {
        key: `service.${phase}.peakRssMb`,
        part: 'service',
        label: `service peak RSS during ${phase}`,
        unit: 'MiB',
        note: reset ? 'VmHWM, reset when the phase began' : 'VmHWM since the service started',
        method: `VmHWM of the api process (/proc/<pid>/status) ${reset ? 'reset (clear_refs 5) when the phase began' : 'since it started (the kernel refused a reset)'}, read at the end of ${what}; the compiled api on the profile's data`,
      },
      peak,
    ),
  ];
}
