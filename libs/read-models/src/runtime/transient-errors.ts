/**
 * Which database errors are worth retrying: the ones that say "not now" rather than "never". Retrying a whole
 * transaction is safe because the checkpoint commits with the rows: a failed attempt left nothing behind.
 */

// PostgreSQL SQLSTATEs: serialization failure, deadlock, admin shutdown, cannot connect now, too many connections.
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '57P01', '57P03', '53300']);
const TRANSIENT_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

export function isTransientDatabaseError(error: unknown): boolean {
  // Duck-typed: better-sqlite3's SqliteError may come from another realm (see the event store's sqlite-schema).
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // SQLite: the write lock stayed taken past busy_timeout, or a WAL snapshot went stale (SQLITE_BUSY_SNAPSHOT).
    if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') return true;
    if (TRANSIENT_SQLSTATES.has(code) || code.startsWith('08')) return true; // class 08: connection exception
    if (TRANSIENT_SOCKET_CODES.has(code)) return true;
  }
  // node-postgres reports a dropped connection without a code.
  return typeof message === 'string' && /Connection terminated|connection timeout/i.test(message);
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 6, baseDelayMs: 50, maxDelayMs: 2000 };

/** A pause that an abort signal cuts short (a stopping runner must not sit out a long backoff). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/** Runs `work`, retrying transient failures with exponential backoff; other errors, and the last one, propagate. */
export async function withTransientRetry<T>(
  work: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !isTransientDatabaseError(error)) throw error;
      const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      onRetry?.(error, attempt, delayMs);
      await sleep(delayMs);
    }
  }
}
