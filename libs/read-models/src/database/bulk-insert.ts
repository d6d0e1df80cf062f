import type Database from 'better-sqlite3';
import { CompiledQuery, type DialectAdapter, type Kysely } from 'kysely';
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
  /** PostgreSQL: each column's type, for the arrays of the UNNEST insert. */
  pgTypes: readonly PgColumnType[];
}

export type PgColumnType = 'text' | 'integer' | 'bigint';

/**
 * The better-sqlite3 handle behind each SQLite Kysely instance, by its adapter (a transaction shares its
 * database's adapter). insertRows runs its statements on the handle directly, prepared once each: preparing a
 * statement of 500 rows costs about as much as running it, and Kysely's driver prepares every query anew.
 * This is safe because the SQLite dialect has one connection: inside a Kysely transaction the handle is in that
 * transaction (and better-sqlite3 is synchronous, so nothing else runs on it meanwhile). Callers pass a
 * transaction, never the database while one of theirs is open.
 */
const sqliteHandles = new WeakMap<DialectAdapter, Database.Database>();

export const registerSqliteHandle = (db: Kysely<ReadModelSchema>, handle: Database.Database): void => {
  sqliteHandles.set(db.getExecutor().adapter, handle);
};

/** A row's values in the insert's column order, an absent value as null: the form insertRows takes. */
export const valuesOf = <T extends ReadModelTableName>(insert: BulkInsert<T>, row: object): unknown[] =>
  insert.columns.map((column) => (row as Record<string, unknown>)[column] ?? null);

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
  if (rows.length === 0) return;
  const width = insert.columns.length;
  for (const row of rows) {
    if (row.length !== width) throw new Error(`${insert.table}: a row of ${row.length} values for ${width} columns`);
  }
  if (dialect === 'postgres') return insertUnnest(db, insert, rows);
  const handle = sqliteHandles.get(db.getExecutor().adapter);
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / width)));
  let start = 0;
  while (start < rows.length) {
    // Fixed statement sizes (full, then 1/16 of it, then single rows), so that a handful of prepared
    // statements serve every batch.
    const left = rows.length - start;
    const n = left >= perStatement ? perStatement : left >= perStatement >> 4 && perStatement >> 4 > 1 ? perStatement >> 4 : 1;
    const parameters: unknown[] = new Array(n * width);
    let k = 0;
    for (let r = start; r < start + n; r += 1) for (const value of rows[r]) parameters[k++] = value;
    const text = statementText(dialect, insert, n);
    if (handle) preparedOn(handle, text).run(parameters);
    else await db.executeQuery(CompiledQuery.raw(text, parameters));
    start += n;
  }
}

/**
 * One statement on the caller's transaction: SQLite's kept prepared on the handle (as insertRows' are), for a
 * statement run row by row with a few shapes of text.
 */
export async function runStatement(db: Kysely<ReadModelSchema>, text: string, parameters: unknown[]): Promise<void> {
  const handle = sqliteHandles.get(db.getExecutor().adapter);
  if (handle) preparedOn(handle, text).run(parameters);
  else await db.executeQuery(CompiledQuery.raw(text, parameters));
}

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function preparedOn(handle: Database.Database, text: string): Database.Statement {
  let statements = prepared.get(handle);
  if (!statements) prepared.set(handle, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) {
    if (statements.size > 200) statements.clear();
    statements.set(text, (statement = handle.prepare(text)));
  }
  return statement;
}

/**
 * PostgreSQL: all the rows in one statement, a parameter per column holding the column's values as an array
 * (INSERT ... SELECT * FROM UNNEST($1::text[], ...)): a few parameters instead of thousands, and one round trip.
 */
async function insertUnnest<T extends ReadModelTableName>(
  db: Kysely<ReadModelSchema>,
  insert: BulkInsert<T>,
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const width = insert.columns.length;
  if (insert.pgTypes.length !== width) throw new Error(`${insert.table}: ${insert.pgTypes.length} types for ${width} columns`);
  const arrays: unknown[][] = [];
  for (let column = 0; column < width; column += 1) {
    const values = new Array(rows.length);
    for (let r = 0; r < rows.length; r += 1) values[r] = rows[r][column];
    arrays.push(values);
  }
  const key = `unnest|${insert.table}|${insert.columns.join(',')}|${insert.onConflict?.key.join(',') ?? ''}`;
  let text = texts.get(key);
  if (text === undefined) {
    const unnest = insert.pgTypes.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
    text = `insert into ${insert.table} (${insert.columns.join(', ')}) select * from unnest(${unnest})${onConflictClause(insert)}`;
    texts.set(key, text);
  }
  await db.executeQuery(CompiledQuery.raw(text, arrays));
}

const onConflictClause = (insert: { onConflict?: BulkInsert<ReadModelTableName>['onConflict'] }): string => {
  if (!insert.onConflict) return '';
  const { key, update } = insert.onConflict;
  return ` on conflict (${key.join(', ')}) do update set ${update.map((c) => `${c} = excluded.${c}`).join(', ')}`;
};

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
    text += onConflictClause(insert);
    if (texts.size > 1000) texts.clear();
    texts.set(key, text);
  }
  return text;
}
