/**
 * What it takes to turn a table's current rows of some cases into the rows they should have: the rows to
 * delete (keys no longer present), to insert (new keys) and to update (same key, some column differs, with
 * the columns that do). Rows that are equal are left alone, so their indexes and triggers are not touched.
 *
 * `current` are rows as read from the database, `next` rows as the views make them (an absent value counts
 * as null). Values compare with ===, so both sides must use the same representation: the read-model tables
 * hold text and integers only (flags 0/1), which both drivers return as strings and numbers.
 */
export interface RowDiff<R> {
  /** Current rows whose key is not among the next rows. */
  deleted: Array<Record<string, unknown>>;
  /** Next rows whose key is not among the current rows. */
  inserted: R[];
  /** Next rows whose key is among the current rows but which differ from them, with the current row and the columns that differ. */
  updated: Array<{ row: R; old: Record<string, unknown>; changed: string[] }>;
}

export function diffRows<R extends object>(
  current: ReadonlyArray<Record<string, unknown>>,
  next: readonly R[],
  key: readonly string[],
  columns: readonly string[],
): RowDiff<R> {
  const keyOf = (row: Record<string, unknown>): string => {
    let k = '';
    for (const column of key) k += `${String(row[column])}\u0000`;
    return k;
  };
  const byKey = new Map<string, Record<string, unknown>>();
  for (const row of current) byKey.set(keyOf(row), row);
  const diff: RowDiff<R> = { deleted: [], inserted: [], updated: [] };
  const seen = new Set<string>();
  for (const row of next) {
    const values = row as Record<string, unknown>;
    const k = keyOf(values);
    seen.add(k);
    const old = byKey.get(k);
    if (old === undefined) {
      diff.inserted.push(row);
      continue;
    }
    const changed: string[] = [];
    for (const column of columns) {
      if ((values[column] ?? null) !== (old[column] ?? null)) changed.push(column);
    }
    if (changed.length > 0) diff.updated.push({ row, old, changed });
  }
  for (const [k, row] of byKey) if (!seen.has(k)) diff.deleted.push(row);
  return diff;
}
