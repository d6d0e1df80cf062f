import { Presets, SingleBar } from 'cli-progress';
import { emptyStats, PROFILES, type SimulationStats } from '@app/case-generator';
import { CASE_STREAM_PREFIX, type EventStore } from '@app/event-store';
import { CliArgumentError } from '../../api/src/audit/cli-args';
import { type AppConfig, ConfigurationError, loadConfig } from '../../api/src/config/app-config';
import { createEventStore } from '../../api/src/event-store/event-store.module';
import { GENERATE_USAGE, type GenerateArgs, parseGenerateArgs } from './generate-args';
import { generateIntoStore, generateThroughApi, type GenerationProgress } from '@app/case-generator';
import { apiTokens } from './tokens';

/**
 * `npm run generate -- --profile <name> --seed <n> [--via api]`: synthetic case histories (README, "Synthetic
 * data"), into the configured event store (DATA_DIR's SQLite, or EventStoreDB) or through the HTTP API. The
 * progress bar goes to stderr, one summary line to stdout. Exit codes: 0 generated; 1 failed (the store, the
 * api, or a step the domain refused); 2 bad arguments or settings, or a store that already holds case events
 * without --append.
 */
export interface GenerateIo {
  env: Record<string, string | undefined>;
  argv: string[];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export async function runGenerateCli(io: GenerateIo): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr.write(`generate: ${message}\n`);
    return code;
  };
  let args: GenerateArgs | 'help';
  let config: AppConfig;
  try {
    args = parseGenerateArgs(io.argv);
    if (args === 'help') {
      io.stdout.write(`${GENERATE_USAGE}\n`);
      return 0;
    }
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof CliArgumentError) return fail(2, `${error.message} (${GENERATE_USAGE})`);
    if (error instanceof ConfigurationError) return fail(2, error.message.replace(/\n\s*/g, ' '));
    throw error;
  }

  const started = process.hrtime.bigint();
  const stats = emptyStats();
  const progress = progressBar(io, args);
  let store: EventStore | undefined;
  try {
    if (args.via === 'bulk') {
      store = createEventStore(config);
      if (!args.append && (await holdsCaseEvents(store))) {
        return fail(2, `the event store (${describe(config)}) already holds case events; pass --append to add to them`);
      }
      await generateIntoStore(store, PROFILES[args.profile], args.seed, { workers: args.workers, maxCases: args.limit, stats, onProgress: progress.update });
    } else {
      const tokenFor = await apiTokens(config, args.token);
      await generateThroughApi(PROFILES[args.profile], args.seed, {
        baseUrl: args.url,
        tokenFor,
        concurrency: args.concurrency,
        maxCases: args.limit,
        stats,
        onProgress: progress.update,
      });
    }
    progress.stop();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const refused = Object.entries(stats.refused);
    io.stdout.write(`${summaryLine(stats, seconds)}\n`);
    if (refused.length > 0) {
      return fail(1, `the domain refused ${refused.map(([code, n]) => `${n} × ${code}`).join(', ')}: a defect of the generator`);
    }
    return 0;
  } catch (error) {
    progress.stop();
    return fail(1, `failed: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await store?.close();
  }
}

/** One line a script can keep: cases, events, seconds, events per second and the peak resident memory. */
export const summaryLine = (stats: SimulationStats, seconds: number): string =>
  `generated ${stats.cases} cases (${stats.stockCases} from the stock), ${stats.events} events in ${seconds.toFixed(1)} s ` +
  `(${Math.round(stats.events / Math.max(seconds, 1e-9))} events/s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`;

async function holdsCaseEvents(store: EventStore): Promise<boolean> {
  for await (const _ of store.readAll({ streamPrefix: CASE_STREAM_PREFIX, maxCount: 1 })) return true;
  return false;
}

const describe = (config: AppConfig): string =>
  config.eventStore === 'esdb' ? 'EventStoreDB' : `${config.dataDir}/events.sqlite`;

/** The bar follows the simulated calendar (the number of events is known only at the end), per phase. */
function progressBar(io: GenerateIo, args: GenerateArgs) {
  const bar = new SingleBar(
    {
      stream: io.stderr,
      format: `${args.profile} (seed ${args.seed}) {phase} [{bar}] {day} | {events} events | {rate} events/s`,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const SCALE = 1000;
  let phase: GenerationProgress['phase'] | undefined;
  let since = Date.now();
  return {
    update: (progress: GenerationProgress): void => {
      const payload = {
        phase: progress.phase,
        day: progress.day,
        events: progress.events,
        rate: Math.round(progress.events / Math.max((Date.now() - since) / 1000, 1e-3)),
      };
      if (phase !== progress.phase) {
        if (phase) bar.stop();
        phase = progress.phase;
        since = Date.now();
        bar.start(SCALE, 0, payload);
      }
      bar.update(Math.round(progress.fraction * SCALE), payload);
    },
    stop: (): void => {
      if (phase) bar.stop();
      phase = undefined;
    },
  };
}

if (require.main === module) {
  void runGenerateCli({ env: process.env, argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr }).then(
    (code) => (process.exitCode = code),
  );
}
