import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '../database/read-model-schema';

/**
 * The checkpoint rows: one per projection, holding the position of the last event it applied. Every write to
 * them happens inside the transaction that writes the projection's rows.
 */
type Db = Kysely<ReadModelSchema>;

/** Creates missing checkpoint rows (position null: nothing applied yet), so that claims can be plain UPDATEs. */
export async function ensureCheckpoints(db: Db, names: readonly string[], now: Date): Promise<void> {
  if (names.length === 0) return;
  await db
    .insertInto('projection_checkpoints')
    .values(names.map((projection) => ({ projection, position: null, updated_at: now.toISOString() })))
    .onConflict((oc) => oc.column('projection').doNothing())
    .execute();
}

/** Each projection's checkpoint (null: none yet, or no row). Read as text so positions beyond 2^53 stay exact. */
export async function readCheckpoints(db: Db, names: readonly string[]): Promise<Map<string, bigint | null>> {
  const result = new Map<string, bigint | null>(names.map((name) => [name, null]));
  if (names.length === 0) return result;
  const rows = await db
    .selectFrom('projection_checkpoints')
    .select(['projection', sql<string | null>`cast(position as text)`.as('position')])
    .where('projection', 'in', [...names])
    .execute();
  for (const row of rows) result.set(row.projection, row.position === null ? null : BigInt(row.position));
  return result;
}

/** Where a set of projections stands together: the lowest checkpoint (null when any has applied nothing). */
export function lowestCheckpoint(checkpoints: ReadonlyMap<string, bigint | null>): bigint | null {
  let lowest: bigint | undefined;
  for (const position of checkpoints.values()) {
    if (position === null) return null;
    if (lowest === undefined || position < lowest) lowest = position;
  }
  return lowest ?? null;
}

/**
 * The position guard: moves the checkpoint to `position` only if it is below it, and says whether it did.
 * Done first in the event's transaction, it also locks the row (PostgreSQL) or the database (SQLite), so a
 * second writer - a runner that lost its lock without noticing yet - waits, then finds the event claimed.
 */
export async function claimPosition(db: Db, name: string, position: bigint, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('projection_checkpoints')
    .set({ position: position.toString(), updated_at: now.toISOString() })
    .where('projection', '=', name)
    .where((eb) => eb.or([eb('position', 'is', null), eb('position', '<', position.toString())]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Sets checkpoints unconditionally (a rebuild, which owns the tables while it runs). */
export async function setCheckpoints(db: Db, names: readonly string[], position: bigint | null, now: Date): Promise<void> {
  if (names.length === 0) return;
  await ensureCheckpoints(db, names, now);
  await db
    .updateTable('projection_checkpoints')
    .set({ position: position === null ? null : position.toString(), updated_at: now.toISOString() })
    .where('projection', 'in', [...names])
    .execute();
}

/**
 * The position guard for a batch: moves the checkpoint up to `last` and answers where it stood before (null:
 * nothing applied yet), so the caller applies only the batch's events after that. The first statement writes
 * the row, which locks it (PostgreSQL) or the database (SQLite) before the read, as claimPosition does: a second
 * writer waits, then finds the batch claimed.
 */
export async function claimUpTo(db: Db, name: string, last: bigint, now: Date): Promise<{ before: bigint | null } | undefined> {
  const touched = await db
    .updateTable('projection_checkpoints')
    .set({ updated_at: now.toISOString() })
    .where('projection', '=', name)
    .executeTakeFirst();
  if (touched.numUpdatedRows === 0n) return undefined;
  const before = (await readCheckpoints(db, [name])).get(name) ?? null;
  if (before === null || before < last) {
    await db.updateTable('projection_checkpoints').set({ position: last.toString() }).where('projection', '=', name).execute();
  }
  return { before };
}
