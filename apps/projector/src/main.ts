import pino from 'pino';
import {
  accessRecordsRunner,
  caseReadModelProjections,
  ProjectionRunner,
  projectionStatusJson,
} from '@app/read-models';
import { ConfigurationError, loadConfig } from '../../api/src/config/app-config';
import { openStores, type OpenedStores } from './projector-config';

/**
 * apps/projector: the projection runner as a process of its own, for deployments that scale reads and writes
 * apart (the api then runs without its in-process runner). Several may be started: the read-model lock keeps
 * all but one in standby. SIGTERM / SIGINT finish the event in hand, release the lock and exit 0; a projection
 * error exits 1, so the orchestrator restarts it and the new process retries from the checkpoint.
 */
const LAG_LOG_INTERVAL_MS = 60_000;
const FORCED_EXIT_MS = 15_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, base: { service: 'projector', pid: process.pid } });
  const opened: OpenedStores = await openStores(config, (error) =>
    logger.warn({ err: error }, 'idle read-model database connection failed'),
  );
  logger.info({ readModels: opened.database.description, eventStore: config.eventStore }, 'projector starting');

  const runner = new ProjectionRunner({
    store: opened.store,
    database: opened.database,
    projections: caseReadModelProjections(),
    logger,
  });
  runner.start();
  const accessRunner = accessRecordsRunner(opened.store, opened.database, logger);
  accessRunner.start();
  const lagLog = setInterval(() => {
    runner.status().then(
      (status) => logger.info(projectionStatusJson(status), 'projection lag'),
      (error: unknown) => logger.warn({ err: error }, 'could not read the projection lag'),
    );
  }, LAG_LOG_INTERVAL_MS);

  let closing: Promise<void> | undefined;
  const shutdown = (reason: string, exitCode: number): Promise<void> =>
    (closing ??= (async () => {
      logger.info({ reason }, 'projector stopping');
      clearInterval(lagLog);
      // Should a close hang (a store that never answers), do not outlive the orchestrator's patience.
      setTimeout(() => process.exit(exitCode), FORCED_EXIT_MS).unref();
      await Promise.all([runner.stop(), accessRunner.stop()]);
      await opened.close();
      logger.info({}, 'projector stopped');
      process.exitCode = exitCode;
    })());

  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  runner.done.catch(() => void shutdown('projection failed', 1));
  accessRunner.done.catch(() => void shutdown('access-records projection failed', 1));
}

// A failure to start (bad settings, database unreachable) gets one line, not a stack.
main().catch((error: Error & { code?: string }) => {
  const message = error instanceof ConfigurationError ? error.message : `${error.code ? `${error.code}: ` : ''}${error.message}`;
  process.stderr.write(`Cannot start the projector: ${message}\n`);
  process.exit(1);
});
