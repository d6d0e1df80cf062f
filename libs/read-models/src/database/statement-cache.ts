import type Database from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The better-sqlite3 handle as Kysely's SQLite dialect sees it, with its prepared statements kept by SQL text.
 * Kysely prepares every query anew, and preparing costs about as much as running a small query: the projection
 * runner's few query shapes were prepared thousands of times a second. SQLite recompiles a kept statement by
 * itself when the schema changes (a migration, a rebuild dropping indexes). A statement still iterating (a
 * streamed query) is never handed out twice: a fresh one is prepared beside it.
 */
export function withStatementCache(handle: Database.Database, capacity = 256): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => handle.close(),
    prepare(sql: string) {
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        // Most recently used last, so the first key is the one to evict.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = handle.prepare(sql);
      if (!kept) {
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
