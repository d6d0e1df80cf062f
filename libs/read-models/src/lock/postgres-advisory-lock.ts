import { Client } from 'pg';
import type { ReadModelLock } from './read-model-lock';

// Two-key advisory locks, so ours cannot collide with single-key locks (Kysely's migration lock uses one).
const LOCK_CLASS = 0x524d; // 'RM'

/** FNV-1a of the lock name as a signed 32-bit integer: a stable key for pg_try_advisory_lock(int, int). */
const lockKey = (name: string): number => {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash | 0;
};

/**
 * A session-level advisory lock on a connection of its own, held for the runner's lifetime. PostgreSQL frees
 * it when the session ends, so a crashed or killed holder releases it at once; and a dropped connection is how
 * the holder learns it lost the lock (TCP keepalive bounds how long a silent network failure goes unnoticed).
 * Advisory locks are per database, so this is one lock per read-model database.
 */
export class PostgresAdvisoryLock implements ReadModelLock {
  private client: Client | undefined;
  private held = false;
  private readonly listeners: Array<(reason: string) => void> = [];
  private readonly key: number;

  constructor(
    private readonly connectionString: string,
    readonly name: string,
    readonly owner: string,
  ) {
    this.key = lockKey(name);
  }

  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const client = await this.connection();
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [
      LOCK_CLASS,
      this.key,
    ]);
    this.held = rows[0].locked;
    return this.held;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined; // from here on, the connection's 'end' is ours, not a loss
    const wasHeld = this.held;
    this.held = false;
    if (!client) return;
    try {
      if (wasHeld) await client.query('select pg_advisory_unlock($1, $2)', [LOCK_CLASS, this.key]);
    } finally {
      await client.end().catch(() => undefined); // ending the session frees the lock anyway
    }
  }

  onLost(listener: (reason: string) => void): void {
    this.listeners.push(listener);
  }

  /** The same connection serves the retries of a standby, and then holds the lock. */
  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.connectionString,
      keepAlive: true,
      application_name: `read-model-lock ${this.owner}`.slice(0, 63),
    });
    const dropped = (reason: string) => (): void => this.dropped(client, reason);
    client.on('error', (error) => dropped(`lock connection failed: ${error.message}`)());
    client.on('end', dropped('lock connection ended'));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private dropped(client: Client, reason: string): void {
    if (client !== this.client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    const wasHeld = this.held;
    this.held = false;
    if (wasHeld) for (const listener of this.listeners) listener(reason);
  }
}
