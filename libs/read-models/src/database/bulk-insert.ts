import { CompiledQuery, type Kysely } from 'kysely';
import type { ReadModelDialect } from './open-read-model-database';
import type { ReadModelSchema, ReadModelTableName } from './read-model-schema';

/**
 * Multi-row INSERTs, for writing thousands of rows per transaction (a rebuild writes millions). The statement
 * text is built here rather than by Kysely's builder, whose cost per value dominated at that scale; the values
 * still go as parameters, and the statement runs on the caller's transaction.
 */
export interface BulkInsert<T extends ReadModelTableName> {
  table: T;
  /** The columns, in the order each row's values are given. */
  columns: readonly (keyof ReadModelSchema[T] & string)[];
  /** Upsert: on a conflict on these key columns, set `update` columns to the new row's values. */
  onConflict?: { key: readonly string[]; update: readonly string[] };
}

/** Under both limits: SQLite's 32,766 variables per statement and PostgreSQL's 65,535 parameters. */
const MAX_PARAMETERS = 30_000;
/** Rows per statement beyond which longer statements stop paying off (measured on SQLite). */
const MAX_ROWS = 500;

export async function insertRows<T extends ReadModelTableName>(
  db: Kysely<ReadModelSchema>,
  dialect: ReadModelDialect,
  insert: BulkInsert<T>,
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const width = insert.columns.length;
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / width)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    for (const row of chunk) {
      if (row.length !== width) throw new Error(`${insert.table}: a row of ${row.length} values for ${width} columns`);
      for (const value of row) parameters.push(value);
    }
    await db.executeQuery(CompiledQuery.raw(statementText(dialect, insert, chunk.length), parameters));
  }
}

const texts = new Map<string, string>();

/** The statement for n rows, remembered: a rebuild asks for the same few shapes over and over. */
function statementText(
  dialect: ReadModelDialect,
  insert: { table: string; columns: readonly string[]; onConflict?: BulkInsert<ReadModelTableName>['onConflict'] },
  n: number,
): string {
  const key = `${dialect}|${insert.table}|${insert.columns.join(',')}|${insert.onConflict?.key.join(',') ?? ''}|${n}`;
  let text = texts.get(key);
  if (text === undefined) {
    const width = insert.columns.length;
    const placeholder = dialect === 'postgres' ? (i: number) => `$${i + 1}` : () => '?';
    const tuples: string[] = [];
    for (let row = 0; row < n; row += 1) {
      const values: string[] = [];
      for (let column = 0; column < width; column += 1) values.push(placeholder(row * width + column));
      tuples.push(`(${values.join(',')})`);
    }
    text = `insert into ${insert.table} (${insert.columns.join(', ')}) values ${tuples.join(',')}`;
    if (insert.onConflict) {
      const { key: conflictKey, update } = insert.onConflict;
      text += ` on conflict (${conflictKey.join(', ')}) do update set ${update.map((c) => `${c} = excluded.${c}`).join(', ')}`;
    }
    if (texts.size > 1000) texts.clear();
    texts.set(key, text);
  }
  return text;
}
