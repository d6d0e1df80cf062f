import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ReadModelDatabase } from '../database/open-read-model-database';
import type { ProjectionLogger } from '../runtime/projection';
import { sleep } from '../runtime/transient-errors';
import { PostgresAdvisoryLock } from './postgres-advisory-lock';
import { SqliteLeaseLock } from './sqlite-lease-lock';

/**
 * Only one runner (or rebuild) applies events to a read-model database at a time. The position guard alone
 * would keep events exactly-once, but two appliers would fight over every checkpoint row; the lock makes the
 * second one an idle standby that takes over when the first stops or dies.
 */
export interface ReadModelLock {
  /** Which lock ('read-models', 'access-records'): a process runs a runner per lock, and logs say which. */
  readonly name: string;
  /** Who asks, for log lines: host, pid and a random suffix. */
  readonly owner: string;
  /** One attempt: true when this instance holds the lock now (also when it already did). */
  tryAcquire(): Promise<boolean>;
  /** Gives the lock up (if held) and frees its connection or timer. Safe to call repeatedly. */
  release(): Promise<void>;
  /** Called when a held lock is lost without release(): the connection dropped, or the lease was taken over. */
  onLost(listener: (reason: string) => void): void;
}

export interface ReadModelLockOptions {
  /** Default 'read-models': one lock per read-model database. */
  name?: string;
  owner?: string;
  /** SQLite: how long a lease lasts without renewal, i.e. how soon a crashed holder is replaced. Default 15 s. */
  leaseMs?: number;
}

export const defaultLockOwner = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export function createReadModelLock(database: ReadModelDatabase, options: ReadModelLockOptions = {}): ReadModelLock {
  const name = options.name ?? 'read-models';
  const owner = options.owner ?? defaultLockOwner();
  return database.dialect === 'postgres'
    ? new PostgresAdvisoryLock(database.connectionString as string, name, owner)
    : new SqliteLeaseLock(database.db, name, owner, options.leaseMs ?? 15_000);
}

export interface AcquireOptions {
  /** Pause between attempts while another holder has it. Default 1 s. */
  retryMs?: number;
  /** Give up after this long (false); default: wait until aborted. */
  timeoutMs?: number;
  signal?: AbortSignal;
  logger?: ProjectionLogger;
}

/**
 * Tries until the lock is ours (true), or the signal aborts or the timeout passes (false). Waiting is the
 * standby state: logged once at info when it starts, so an operator sees why this process applies nothing.
 * A failing attempt (database unreachable) is logged and retried like a refusal.
 */
export async function acquireLock(lock: ReadModelLock, options: AcquireOptions = {}): Promise<boolean> {
  const retryMs = options.retryMs ?? 1000;
  const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  let announced = false;
  for (;;) {
    if (options.signal?.aborted) return false;
    try {
      if (await lock.tryAcquire()) {
        options.logger?.info({ lock: lock.name, owner: lock.owner }, 'read-model lock acquired');
        return true;
      }
      if (!announced) {
        options.logger?.info({ lock: lock.name, owner: lock.owner }, 'standby: another process holds the read-model lock');
        announced = true;
      }
    } catch (error) {
      options.logger?.warn({ lock: lock.name, owner: lock.owner, err: error }, 'read-model lock attempt failed; retrying');
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    await sleep(Math.min(retryMs, remaining), options.signal);
  }
}
