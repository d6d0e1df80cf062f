import type { Kysely } from 'kysely';
import type { ReadModelSchema } from '../database/read-model-schema';
import type { ReadModelLock } from './read-model-lock';

/**
 * A lease row in the read-model database itself: taken if free, expired or already ours, in one atomic upsert;
 * renewed every third of its length; deleted on release. A crashed holder cannot release, so its lease simply
 * runs out and a standby takes over (after at most leaseMs). Lease times come from the clock of the machine the
 * SQLite file is on, which every contender shares.
 */
export class SqliteLeaseLock implements ReadModelLock {
  private held = false;
  private renewal: NodeJS.Timeout | undefined;
  private lastRenewedAt = 0;
  private readonly listeners: Array<(reason: string) => void> = [];

  constructor(
    private readonly db: Kysely<ReadModelSchema>,
    readonly name: string,
    readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const now = Date.now();
    // Look before writing: a read never waits in WAL mode, while the upsert needs the write lock, which a busy
    // holder takes many times a second. A standby that only reads while the lease is live stays out of its way.
    const current = await this.db
      .selectFrom('read_model_leases')
      .select(['owner', 'expires_at'])
      .where('name', '=', this.name)
      .executeTakeFirst();
    if (current && current.owner !== this.owner && Number(current.expires_at) >= now) return false;
    const result = await this.db
      .insertInto('read_model_leases')
      .values({ name: this.name, owner: this.owner, expires_at: now + this.leaseMs })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({ owner: eb.ref('excluded.owner'), expires_at: eb.ref('excluded.expires_at') }))
          .where((eb) =>
            eb.or([eb('read_model_leases.owner', '=', this.owner), eb('read_model_leases.expires_at', '<', now)]),
          ),
      )
      .executeTakeFirst();
    if ((result.numInsertedOrUpdatedRows ?? 0n) === 0n) return false;
    this.held = true;
    this.lastRenewedAt = now;
    this.renewal = setInterval(() => void this.renew(), Math.max(10, Math.floor(this.leaseMs / 3)));
    this.renewal.unref(); // the lease must not keep a finished process alive
    return true;
  }

  async release(): Promise<void> {
    const wasHeld = this.held;
    this.stopRenewal();
    if (wasHeld) {
      await this.db
        .deleteFrom('read_model_leases')
        .where('name', '=', this.name)
        .where('owner', '=', this.owner)
        .execute();
    }
  }

  onLost(listener: (reason: string) => void): void {
    this.listeners.push(listener);
  }

  private async renew(): Promise<void> {
    const now = Date.now();
    try {
      const result = await this.db
        .updateTable('read_model_leases')
        .set({ expires_at: now + this.leaseMs })
        .where('name', '=', this.name)
        .where('owner', '=', this.owner)
        .executeTakeFirst();
      if (!this.held) return; // released while the update ran
      if (result.numUpdatedRows === 0n) this.lose('lease taken over by another process');
      else this.lastRenewedAt = now;
    } catch (error) {
      // A busy database delays a renewal; only a lease that may already have run out counts as lost.
      if (this.held && now - this.lastRenewedAt >= this.leaseMs) {
        this.lose(`lease not renewed in time: ${(error as Error).message}`);
      }
    }
  }

  private lose(reason: string): void {
    this.stopRenewal();
    for (const listener of this.listeners) listener(reason);
  }

  private stopRenewal(): void {
    this.held = false;
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = undefined;
  }
}
