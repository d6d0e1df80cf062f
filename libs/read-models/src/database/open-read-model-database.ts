import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, type Migration, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { migrateReadModels, READ_MODEL_MIGRATIONS, SQLITE_BUSY_TIMEOUT_MS } from './migrations';
import type { ReadModelSchema } from './read-model-schema';
import { ensureSecondaryIndexes } from './secondary-indexes';
import { withStatementCache } from './statement-cache';
import { keepTempStorageInMemory } from './temp-storage';
import { registerSqliteHandle } from './bulk-insert';
import { withTransientRetry } from '../runtime/transient-errors';

export type ReadModelDialect = 'sqlite' | 'postgres';

export interface ReadModelDatabaseOptions {
  /** DATA_DIR: the embedded default lives in DATA_DIR/read-models.sqlite. */
  dataDir: string;
  /** READ_MODEL_DATABASE_URL: when set, PostgreSQL instead of SQLite. */
  url?: string;
  /** PostgreSQL connections in the pool. Default 10. */
  poolSize?: number;
  /** Override the migrations (tests); default READ_MODEL_MIGRATIONS. */
  migrations?: Readonly<Record<string, Migration>>;
  /** An idle pooled PostgreSQL connection failed (server restart): reported here instead of crashing the process. */
  onPoolError?: (error: Error) => void;
}

export interface ReadModelDatabase {
  db: Kysely<ReadModelSchema>;
  dialect: ReadModelDialect;
  /** The PostgreSQL URL (the advisory lock opens its own connection with it). */
  connectionString?: string;
  /** The SQLite file. */
  filename?: string;
  /** For log lines: the file, or the server and database without credentials. */
  description: string;
  close(): Promise<void>;
}

export const READ_MODEL_SQLITE_FILE = 'read-models.sqlite';

/** Opens the read-model database of the configuration and brings its schema to the latest migration. */
export async function openReadModelDatabase(options: ReadModelDatabaseOptions): Promise<ReadModelDatabase> {
  const database = options.url ? openPostgres(options.url, options) : openSqlite(options.dataDir);
  try {
    await migrateReadModels(database.db as Kysely<unknown>, database.dialect, options.migrations);
    // A test that migrates to an older schema (options.migrations without all of ours) gets none of its indexes.
    const migrations = options.migrations;
    if (!migrations || Object.keys(READ_MODEL_MIGRATIONS).every((name) => name in migrations)) await withTransientRetry(() => ensureSecondaryIndexes(database.db, database.dialect));
    if (database.dialect === 'sqlite') await keepTempStorageInMemory(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openSqlite(dataDir: string): ReadModelDatabase {
  mkdirSync(dataDir, { recursive: true });
  const filename = join(dataDir, READ_MODEL_SQLITE_FILE);
  const sqlite = new Database(filename);
  // WAL: the api's queries read while the runner writes. NORMAL sync may lose the last commits on power loss
  // but never corrupts; since each checkpoint commits with its rows, a lost commit is simply applied again.
  // A runner or rebuild in another process may hold the write lock briefly.
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Switching to WAL wants the write lock even when the file is in WAL already (WAL is persistent): ask first.
  if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  // The projection runner touches pages all over a dozen indexes per event: a 64 MB page cache (default 2 MB)
  // keeps them, and a checkpoint every ~40 MB of WAL (default 4 MB) writes each hot page once for many commits
  // instead of once every few. Measured under the commands bench: the runner's time in COMMIT halved.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<ReadModelSchema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  registerSqliteHandle(db, sqlite);
  return { db, dialect: 'sqlite', filename, description: `sqlite ${filename}`, close: once(() => db.destroy()) };
}

function openPostgres(url: string, options: ReadModelDatabaseOptions): ReadModelDatabase {
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // Without a listener an idle client's error (server restart) would crash the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  const db = new Kysely<ReadModelSchema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    connectionString: url,
    description: `postgres ${describeUrl(url)}`,
    close: once(() => db.destroy()),
  };
}

/** host:port/database, never the user or password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable url)';
  }
}

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
