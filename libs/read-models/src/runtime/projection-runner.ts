import { isCaseEventType } from '@app/domain';
import { CASE_STREAM_PREFIX, type EventStore, type EventSubscription, type StoredEvent } from '@app/event-store';
import type { ReadModelDatabase } from '../database/open-read-model-database';
import { acquireLock, createReadModelLock, type ReadModelLock } from '../lock/read-model-lock';
import { applyEvent, applyEvents, ProjectionApplyError } from './apply-event';
import { ensureCheckpoints, lowestCheckpoint, readCheckpoints } from './checkpoints';
import { type Projection, type ProjectionLogger, silentLogger } from './projection';
import { assertNoUnfinishedRebuild } from './rebuild-marker';
import { type ProjectionStatus, ProjectionStatusReader, type ProjectionStatusReaderOptions } from './projection-status';
import { type RetryPolicy, sleep, withTransientRetry } from './transient-errors';

export type RunnerState = 'idle' | 'standby' | 'running' | 'stopped' | 'failed';

export interface RunnerStatus extends ProjectionStatus {
  state: RunnerState;
  /** Why the runner failed, when it did. */
  error?: string;
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  database: ReadModelDatabase;
  projections: readonly Projection[];
  logger?: ProjectionLogger;
  /** Default 'case-': the read models are about cases. */
  streamPrefix?: string;
  /** Event types the projections understand; others are logged and skipped. Default: the case events. */
  isKnownEventType?: (type: string) => boolean;
  /** Default: createReadModelLock(database). */
  lock?: ReadModelLock;
  /** Pause between lock attempts in standby. Default 1 s. */
  lockRetryMs?: number;
  /** Retries of an event's transaction on transient database errors. */
  retry?: RetryPolicy;
  /** First pause before resubscribing after the subscription failed (doubles up to 30 s). Default 500 ms. */
  resubscribeDelayMs?: number;
  now?: () => Date;
  status?: Pick<ProjectionStatusReaderOptions, 'countLimit' | 'cacheMs' | 'pollMs'>;
  /** Most events applied in one transaction (those the subscription has at hand). Default 100; 1: one by one. */
  batchSize?: number;
}

const IDLE = Symbol('idle');
/** Resolves after the I/O that is due (requests, in the api) has had its turn. */
const nextTurn = (): Promise<typeof IDLE> => new Promise((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Keeps a set of projections up to date with the log: takes the read-model lock (standby until it gets it),
 * subscribes to the case streams after the lowest checkpoint, and applies the events in batches of those the
 * subscription has at hand, one transaction each (one by one again when a batch fails, so the error names
 * the event), yielding to the event loop between batches so that it does not sit in front of requests.
 * A projection error stops the runner (state 'failed', `done` rejects): a read model silently missing an
 * event would be wrong without anyone knowing. Transient database errors are retried first.
 */
export class ProjectionRunner {
  /** Settles when the runner ends: resolves after stop(), rejects with the error that made it fail. */
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;
  private currentState: RunnerState = 'idle';
  private failure: unknown;
  private readonly stopping = new AbortController();
  private subscription: EventSubscription | undefined;
  private lockLost = false;
  private readonly lock: ReadModelLock;
  private readonly logger: ProjectionLogger;
  private readonly statusReader: ProjectionStatusReader;
  private readonly now: () => Date;
  private readonly warnedTypes = new Set<string>();

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined); // a failure is reported through done and state; never as unhandled
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? ((): Date => new Date());
    this.lock = options.lock ?? createReadModelLock(options.database);
    this.lock.onLost((reason) => {
      this.logger.warn({ owner: this.lock.owner, reason }, 'read-model lock lost; back to standby');
      this.lockLost = true;
      void this.subscription?.close();
    });
    this.statusReader = new ProjectionStatusReader({
      store: options.store,
      db: options.database.db,
      projectionNames: options.projections.map((p) => p.name),
      streamPrefix: this.streamPrefix,
      now: this.now,
      ...options.status,
    });
  }

  get state(): RunnerState {
    return this.currentState;
  }

  start(): void {
    if (this.currentState !== 'idle') throw new Error(`ProjectionRunner already ${this.currentState}`);
    this.currentState = 'standby';
    this.run().then(this.resolveDone, this.rejectDone);
  }

  /** Finishes the event in hand, closes the subscription and releases the lock. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.subscription?.close();
    if (this.currentState === 'idle') {
      this.currentState = 'stopped';
      this.resolveDone();
    }
    await this.done.catch(() => undefined);
  }

  async status(): Promise<RunnerStatus> {
    const status = await this.statusReader.status();
    const error = this.currentState === 'failed' ? String((this.failure as Error)?.message ?? this.failure) : undefined;
    return { ...status, state: this.currentState, ...(error ? { error } : {}) };
  }

  /** True once every projection has applied `position`; false after timeoutMs. */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.statusReader.waitForPosition(position, timeoutMs);
  }

  private get streamPrefix(): string {
    return this.options.streamPrefix ?? CASE_STREAM_PREFIX;
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopping.signal.aborted) {
        this.currentState = 'standby';
        const signal = this.stopping.signal;
        if (!(await acquireLock(this.lock, { retryMs: this.options.lockRetryMs, signal, logger: this.logger }))) break;
        try {
          await this.applyWhileLocked();
        } finally {
          await this.lock.release().catch((error) => this.logger.warn({ err: error }, 'releasing the lock failed'));
        }
      }
      this.currentState = 'stopped';
      this.logger.info({}, 'projection runner stopped');
    } catch (error) {
      this.failure = error;
      this.currentState = 'failed';
      this.logger.error({ err: error }, 'projection runner failed and stopped');
      throw error;
    }
  }

  /** Subscribes from the checkpoint and applies events until stopped or the lock is lost. */
  private async applyWhileLocked(): Promise<void> {
    this.lockLost = false;
    const { db } = this.options.database;
    const names = this.options.projections.map((p) => p.name);
    let delayMs = this.options.resubscribeDelayMs ?? 500;
    while (!this.stopping.signal.aborted && !this.lockLost) {
      await withTransientRetry(() => ensureCheckpoints(db, names, this.now()), this.options.retry);
      // Fatal, not retried: continuing from a half-rebuilt state would apply events twice.
      await withTransientRetry(() => assertNoUnfinishedRebuild(db, names), this.options.retry);
      const from = lowestCheckpoint(await readCheckpoints(db, names));
      this.currentState = 'running';
      this.logger.info({ from: from === null ? 'start' : String(from) }, 'projections subscribed to the log');
      const subscription = this.options.store.subscribeToAll({ from: from ?? 'start', streamPrefix: this.streamPrefix });
      this.subscription = subscription;
      try {
        for await (const batch of this.batches(subscription)) {
          if (this.stopping.signal.aborted || this.lockLost) break;
          await this.handleBatch(batch);
          delayMs = this.options.resubscribeDelayMs ?? 500;
        }
      } catch (error) {
        if (error instanceof ProjectionApplyError) throw error;
        // The log is unreachable or the subscription broke: resubscribe from the checkpoint after a pause.
        this.logger.warn({ err: error, retryInMs: delayMs }, 'subscription failed; resubscribing');
        await sleep(delayMs, this.stopping.signal);
        delayMs = Math.min(30_000, delayMs * 2);
      } finally {
        this.subscription = undefined;
        await subscription.close();
      }
    }
  }

  /**
   * The subscription's events in batches: after the first, whatever it delivers before the event loop's next
   * turn (the rest of a page it read), up to batchSize. The next() pending at a batch's end carries over.
   */
  private async *batches(subscription: EventSubscription): AsyncGenerator<StoredEvent[], void, undefined> {
    const max = Math.max(1, this.options.batchSize ?? 100);
    const iterator = subscription[Symbol.asyncIterator]();
    const pull = (): Promise<IteratorResult<StoredEvent>> => {
      const next = iterator.next();
      next.catch(() => undefined); // awaited below; this only keeps an abandoned one from going unhandled
      return next;
    };
    let pending = pull();
    for (;;) {
      const first = await pending;
      if (first.done) return;
      const batch = [first.value];
      pending = pull();
      let ended = false;
      while (batch.length < max) {
        const next = await Promise.race([pending, nextTurn()]);
        if (next === IDLE) break;
        if (next.done) {
          ended = true;
          break;
        }
        batch.push(next.value);
        pending = pull();
      }
      yield batch;
      if (ended) return;
      await nextTurn();
    }
  }

  private async handleBatch(events: StoredEvent[]): Promise<void> {
    if (events.length > 1) {
      try {
        await applyEvents({
          db: this.options.database.db,
          projections: this.options.projections,
          events,
          isKnown: (type) => (this.options.isKnownEventType ?? isCaseEventType)(type),
          now: this.now,
          retry: this.options.retry,
          onRetry: (error, attempt, delayMs) =>
            this.logger.warn({ err: error, attempt, delayMs, position: String(events[0].position), events: events.length }, 'transient error; retrying'),
        });
        for (const event of events) if (!(this.options.isKnownEventType ?? isCaseEventType)(event.type)) this.warnUnknown(event);
        this.statusReader.notify();
        return;
      } catch (error) {
        if (!(error instanceof ProjectionApplyError)) throw error;
        // Nothing of the batch was committed: one by one, the events before the bad one are applied and the
        // error names the event itself.
        this.logger.warn({ err: error, events: events.length }, 'a batch failed; applying its events one by one');
      }
    }
    for (const event of events) await this.handle(event);
  }

  private async handle(event: StoredEvent): Promise<void> {
    const known = (this.options.isKnownEventType ?? isCaseEventType)(event.type);
    const outcome = await applyEvent({
      db: this.options.database.db,
      projections: this.options.projections,
      event,
      known,
      now: this.now,
      retry: this.options.retry,
      onRetry: (error, attempt, delayMs) =>
        this.logger.warn({ err: error, attempt, delayMs, position: String(event.position) }, 'transient error; retrying'),
    });
    if (outcome === 'unknown-type') this.warnUnknown(event);
    this.statusReader.notify();
  }

  private warnUnknown(event: StoredEvent): void {
    // Once per type at warn (a newer service version may write many of them), then at debug.
    const context = { eventType: event.type, position: String(event.position), streamId: event.streamId };
    if (this.warnedTypes.has(event.type)) return this.logger.debug(context, 'skipped event of unknown type');
    this.warnedTypes.add(event.type);
    this.logger.warn(context, 'skipping events of unknown type');
  }
}
