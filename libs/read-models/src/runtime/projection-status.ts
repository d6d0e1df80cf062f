import type { Kysely } from 'kysely';
import { CASE_STREAM_PREFIX, type EventStore } from '@app/event-store';
import type { ReadModelSchema } from '../database/read-model-schema';
import { lowestCheckpoint, readCheckpoints } from './checkpoints';

/** How far the read models trail the log. */
export interface ProjectionStatus {
  /** The lowest checkpoint of the projections: every event up to here is in every read model. */
  position: bigint | null;
  /** Events of the filtered log after `position`, counted up to the reader's countLimit. */
  eventsBehind: number;
  /** True when the count stopped at countLimit: there are at least `eventsBehind` events to go. */
  eventsBehindCapped: boolean;
  /** Age of the oldest event not applied yet (its storedAt), 0 when caught up. */
  secondsBehind: number;
  caughtUp: boolean;
}

export interface ProjectionStatusReaderOptions {
  store: EventStore;
  db: Kysely<ReadModelSchema>;
  projectionNames: readonly string[];
  streamPrefix?: string;
  now?: () => Date;
  /** Most events counted per status read. Default 10,000. */
  countLimit?: number;
  /** A status is reused this long, so /health and every query response do not each read the log. Default 250. */
  cacheMs?: number;
  /** How often waitForPosition looks at the checkpoints when no in-process runner wakes it. Default 50. */
  pollMs?: number;
}

/**
 * Reads the lag from the database and the log, so it works wherever the runner is: in this process or in
 * apps/projector. The log has no cheap "count after position", so eventsBehind is counted by reading the
 * filtered log after the checkpoint, capped at countLimit: cheap when caught up (the usual case), bounded when
 * far behind (a fresh deployment), and exact whenever it is small enough to matter to a reader.
 */
export class ProjectionStatusReader {
  private readonly now: () => Date;
  private readonly countLimit: number;
  private readonly cacheMs: number;
  private readonly pollMs: number;
  private cached: { at: number; status: Promise<ProjectionStatus> } | undefined;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: ProjectionStatusReaderOptions) {
    this.now = options.now ?? ((): Date => new Date());
    this.countLimit = options.countLimit ?? 10_000;
    this.cacheMs = options.cacheMs ?? 250;
    this.pollMs = options.pollMs ?? 50;
  }

  async position(): Promise<bigint | null> {
    return lowestCheckpoint(await readCheckpoints(this.options.db, this.options.projectionNames));
  }

  status(): Promise<ProjectionStatus> {
    const at = Date.now();
    if (!this.cached || at - this.cached.at >= this.cacheMs) {
      const status = this.readStatus();
      this.cached = { at, status };
      status.catch(() => (this.cached = undefined)); // never cache a failure
    }
    return this.cached.status;
  }

  /**
   * Resolves true once every projection has applied `target` (a position the api got back from an append),
   * false after timeoutMs. Polls the checkpoints; notify() wakes it early when the runner is in-process.
   */
  async waitForPosition(target: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const position = await this.position();
      if (position !== null && position >= target) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await this.pause(Math.min(this.pollMs, remaining));
    }
  }

  /** A checkpoint moved: drop the cached status and wake the waiters. */
  notify(): void {
    this.cached = undefined;
    for (const wake of [...this.sleepers]) wake();
  }

  private async readStatus(): Promise<ProjectionStatus> {
    const position = await this.position();
    let eventsBehind = 0;
    let oldest: Date | undefined;
    const pending = this.options.store.readAll({
      from: position === null ? 'start' : position + 1n,
      streamPrefix: this.options.streamPrefix ?? CASE_STREAM_PREFIX,
      maxCount: this.countLimit,
    });
    for await (const event of pending) {
      oldest ??= event.storedAt;
      eventsBehind += 1;
    }
    const secondsBehind = oldest ? Math.max(0, (this.now().getTime() - oldest.getTime()) / 1000) : 0;
    return {
      position,
      eventsBehind,
      eventsBehindCapped: eventsBehind >= this.countLimit,
      secondsBehind,
      caughtUp: eventsBehind === 0,
    };
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

/** A status as JSON (bigint positions as strings), for /health and query responses. */
export const projectionStatusJson = (status: ProjectionStatus) => ({
  ...status,
  position: status.position === null ? null : status.position.toString(),
  secondsBehind: Math.round(status.secondsBehind * 1000) / 1000,
});
