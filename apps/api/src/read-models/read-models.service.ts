import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  ProjectionRunner,
  ProjectionStatusReader,
  caseReadModelProjections,
  openReadModelDatabase,
  projectionStatusJson,
  type ReadModelDatabase,
} from '@app/read-models';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemException } from '../problem-details/problem';

export type ReadModelStatusJson = ReturnType<typeof projectionStatusJson> & { runner: string };

/**
 * The read-model database for queries, and (by default) the projection runner that keeps it up to date,
 * inside the api. With PROJECTIONS_IN_PROCESS=false apps/projector runs it; the lag is read from the database
 * and the log either way, so /health and every query can say how current they are.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnApplicationShutdown {
  private database!: ReadModelDatabase;
  private runner?: ProjectionRunner;
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
    this.runner = new ProjectionRunner({ store: this.store, database: this.database, projections, logger: this.pinoAdapter() });
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    await this.database?.close();
  }

  /**
   * With the runner in this process its status is refreshed on every commit, so an answer never states an
   * older position than the one it waited for; with apps/projector the reader polls the checkpoints.
   */
  async status(reached?: string): Promise<ReadModelStatusJson> {
    const json = this.runner
      ? await this.runner.status().then(({ state, ...status }) => ({ ...projectionStatusJson(status), runner: state }))
      : { ...projectionStatusJson(await this.statusReader.status()), runner: 'external' };
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
