import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  accessRecordsRunner,
  ProjectionRunner,
  ProjectionStatusReader,
  caseReadModelProjections,
  openReadModelDatabase,
  projectionStatusJson,
  type ReadModelDatabase,
} from '@app/read-models';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemException } from '../problem-details/problem';
import type { ProjectionThreadMessage, ProjectionThreadSettings } from './projection-thread';

/** The compiled thread entry; run from TypeScript sources (ts-node, jest) there is none, and the runner stays in-process. */
const PROJECTION_THREAD = join(__dirname, 'projection-thread.js');
const THREAD_STOP_TIMEOUT_MS = 15_000;

export type ReadModelStatusJson = ReturnType<typeof projectionStatusJson> & { runner: string };

/**
 * The read-model database for queries, and (by default) the projection runner that keeps it up to date,
 * inside the api: on a thread of its own when the api runs compiled (projection-thread.ts), so that folding
 * and writing the read models does not hold up requests on the event loop; on the event loop otherwise. With PROJECTIONS_IN_PROCESS=false apps/projector runs it; the lag is read from the database
 * and the log either way, so /health and every query can say how current they are.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnApplicationShutdown {
  private database!: ReadModelDatabase;
  private runner?: ProjectionRunner;
  private accessRunner?: ProjectionRunner;
  private thread?: { worker: Worker; state: string; error?: string };
  private statusReader!: ProjectionStatusReader;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('ReadModels');
  }

  get db(): ReadModelDatabase['db'] {
    return this.database.db;
  }

  get dialect(): ReadModelDatabase['dialect'] {
    return this.database.dialect;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.database = await openReadModelDatabase({ dataDir: this.config.dataDir, url: this.config.readModels.databaseUrl });
    const projections = caseReadModelProjections();
    this.statusReader = new ProjectionStatusReader({ store: this.store, db: this.database.db, projectionNames: projections.map((p) => p.name) });
    if (!this.config.readModels.runInProcess) return;
    if (__filename.endsWith('.js') && existsSync(PROJECTION_THREAD)) return this.startThread();
    this.runner = new ProjectionRunner({ store: this.store, database: this.database, projections, logger: this.pinoAdapter() });
    this.runner.start();
    this.accessRunner = accessRecordsRunner(this.store, this.database, this.pinoAdapter());
    this.accessRunner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopThread();
    await Promise.all([this.runner?.stop(), this.accessRunner?.stop()]);
    await this.database?.close();
  }

  /**
   * With the runner in this process its status is refreshed on every commit, so an answer never states an
   * older position than the one it waited for; with apps/projector the reader polls the checkpoints.
   */
  async status(reached?: string): Promise<ReadModelStatusJson> {
    const json = this.runner
      ? await this.runner.status().then(({ state, ...status }) => ({ ...projectionStatusJson(status), runner: state }))
      : { ...projectionStatusJson(await this.statusReader.status()), runner: this.thread?.state ?? 'external', ...(this.thread?.error ? { error: this.thread.error } : {}) };
    // A cached status may trail a position a wait has just seen reached; never state less than that.
    if (reached !== undefined && (json.position === null || BigInt(json.position) < BigInt(reached))) {
      return { ...json, position: reached };
    }
    return json;
  }

  /**
   * ?minPosition=: a client that just wrote waits (bounded) until the read models include its event, so it
   * reads its own writes; past the bound it gets 503 with Retry-After rather than an answer without its write.
   */
  async waitForPosition(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const waiter = this.runner ?? this.statusReader;
    const reached = await waiter.waitForPosition(BigInt(minPosition), this.config.readModels.minPositionWaitMs);
    if (!reached) {
      throw ProblemException.of('read-models-behind', {
        detail: `The read models have not reached position ${minPosition} yet; retry shortly.`,
      });
    }
  }

  private startThread(): void {
    const settings: ProjectionThreadSettings = {
      dataDir: this.config.dataDir,
      eventStore: this.config.eventStore,
      eventStoreConnectionString: this.config.eventStoreConnectionString,
      readModelDatabaseUrl: this.config.readModels.databaseUrl,
    };
    const worker = new Worker(PROJECTION_THREAD, { workerData: settings });
    const thread: { worker: Worker; state: string; error?: string } = { worker, state: 'standby' };
    this.thread = thread;
    const log = this.pinoAdapter();
    worker.on('message', (message: ProjectionThreadMessage) => {
      if (message.type === 'log') log[message.level](message.context, message.message);
      if (message.type === 'state') Object.assign(thread, { state: message.state, error: message.error });
    });
    worker.on('error', (error) => {
      Object.assign(thread, { state: 'failed', error: error.message });
      log.error({ err: error }, 'projection thread failed');
    });
    worker.on('exit', (code) => {
      if (thread.state !== 'stopped') Object.assign(thread, { state: 'failed', error: thread.error ?? `projection thread exited (${code})` });
    });
  }

  /** Asks the thread to finish the batch in hand and release the lock; terminates it if that takes too long. */
  private async stopThread(): Promise<void> {
    const thread = this.thread;
    if (!thread || thread.state === 'failed') {
      await thread?.worker.terminate();
      return;
    }
    const stopped = new Promise<void>((resolve) => {
      thread.worker.on('message', (message: ProjectionThreadMessage) => message.type === 'stopped' && resolve());
      thread.worker.once('exit', () => resolve());
    });
    thread.worker.postMessage({ type: 'stop' });
    const timer = setTimeout(() => void thread.worker.terminate(), THREAD_STOP_TIMEOUT_MS);
    await stopped;
    clearTimeout(timer);
    thread.state = 'stopped';
    await thread.worker.terminate();
  }

  private pinoAdapter() {
    const log = this.logger;
    return {
      debug: (context: object, message: string) => log.debug(context, message),
      info: (context: object, message: string) => log.info(context, message),
      warn: (context: object, message: string) => log.warn(context, message),
      error: (context: object, message: string) => log.error(context, message),
    };
  }
}
