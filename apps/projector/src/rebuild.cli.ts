import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import {
  caseReadModelProjections,
  type ProjectionLogger,
  ReadModelLockUnavailableError,
  rebuildReadModels,
  type RebuildOrder,
} from '@app/read-models';
import { ConfigurationError, loadConfig } from '../../api/src/config/app-config';
import { openStores } from './projector-config';

/**
 * `npm run projections:rebuild [-- --lock-timeout <seconds>] [--order stream|log] [--batch-size <events>] [--workers <n>]`:
 * rebuilds every read model from the log - stream by stream where the store allows it (the embedded store
 * does), else in log order. The progress bar goes to stderr, the one summary line to stdout, so a script can
 * keep the line and drop the bar; the order used and the peak memory follow on stderr. --workers: threads that
 * fold streams while the main one writes (stream order; 0: none; default: see rebuild-by-stream.ts' workerCount).
 * Exit codes: 0 rebuilt, 1 failed (including: another process holds the lock), 2 bad settings or arguments.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  argv: string[];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export async function runRebuildCli(io: CliIo): Promise<number> {
  let lockTimeoutSeconds: number;
  let order: RebuildOrder | undefined;
  let batchSize: number | undefined;
  let workers: number | undefined;
  let config;
  try {
    const { values } = parseArgs({
      args: io.argv,
      options: {
        'lock-timeout': { type: 'string', default: '10' },
        order: { type: 'string' },
        'batch-size': { type: 'string' },
        workers: { type: 'string' },
      },
    });
    lockTimeoutSeconds = Number(values['lock-timeout']);
    if (!Number.isFinite(lockTimeoutSeconds) || lockTimeoutSeconds < 0) throw new Error('--lock-timeout: seconds, 0 or more');
    if (values.order !== undefined && values.order !== 'stream' && values.order !== 'log') throw new Error('--order: stream or log');
    order = values.order as RebuildOrder | undefined;
    batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
    if (batchSize !== undefined && !(Number.isSafeInteger(batchSize) && batchSize > 0)) throw new Error('--batch-size: events, 1 or more');
    workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isSafeInteger(workers) && workers >= 0 && workers <= 64)) throw new Error('--workers: threads, 0 to 64');
    config = loadConfig(io.env);
  } catch (error) {
    io.stderr.write(`${error instanceof ConfigurationError ? error.message : `Invalid arguments or settings: ${(error as Error).message}`}\n`);
    return 2;
  }

  const logger = stderrLogger(io.stderr);
  const bar = new SingleBar(
    { stream: io.stderr, format: 'rebuilding [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}', hideCursor: true },
    Presets.shades_classic,
  );
  let barStarted = false;
  let opened;
  try {
    opened = await openStores(config, (error) => logger.warn({ err: error }, 'read-model database connection failed'));
    io.stderr.write(`rebuilding the read models in ${opened.database.description}\n`);
    // CPU time beside wall time: on a shared machine the wall time says more about the neighbours.
    const cpuBefore = process.cpuUsage();
    const result = await rebuildReadModels({
      store: opened.store,
      database: opened.database,
      projections: caseReadModelProjections(),
      lockTimeoutMs: lockTimeoutSeconds * 1000,
      order,
      batchSize,
      workers,
      logger,
      onProgress: ({ applied, total }) => {
        if (!barStarted) bar.start(total, applied);
        barStarted = true;
        bar.setTotal(total);
        bar.update(applied);
      },
    });
    if (barStarted) bar.stop();
    io.stdout.write(
      `rebuilt ${result.events} events in ${result.seconds.toFixed(1)} s (${Math.round(result.eventsPerSecond)} events/s)\n`,
    );
    const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    io.stderr.write(
      `read in ${result.order} order${result.workers > 0 ? `, folded on ${result.workers} worker threads` : ''}; peak memory (RSS) ${peakMb} MB; ` +
        `CPU ${cpuSeconds.toFixed(1)} s (${Math.round(result.events / cpuSeconds)} events per CPU-second, all threads)\n`,
    );
    return 0;
  } catch (error) {
    if (barStarted) bar.stop();
    const message = error instanceof ReadModelLockUnavailableError ? error.message : `Rebuild failed: ${(error as Error).message}`;
    io.stderr.write(`${message}\n`);
    return 1;
  } finally {
    await opened?.close();
  }
}

/** Warnings and errors as plain lines on stderr: JSON log lines would tear the progress bar apart. */
function stderrLogger(stderr: NodeJS.WritableStream): ProjectionLogger {
  const line = (level: string) => (context: object, message: string) => {
    const { err, ...rest } = context as { err?: Error };
    const details = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    stderr.write(`\n${level}: ${message}${details}${err ? `: ${err.message}` : ''}\n`);
  };
  return { debug: () => undefined, info: () => undefined, warn: line('warn'), error: line('error') };
}

if (require.main === module) {
  void runRebuildCli({ env: process.env, argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr }).then(
    (code) => (process.exitCode = code),
  );
}
