import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadModelDialect } from '@app/read-models';
import { POSTGRES_ADMIN_URL, admin, postgresUnreachableReason, redact } from '../read-models/support/read-model-databases';
import { type TestApp, startTestApp } from './test-app';

export type AppEnv = Record<string, string>;

/** The real app (test-app.ts) on one read-model dialect, with where its data lives so it can be started again. */
export interface DialectTestApp extends TestApp {
  dialect: ReadModelDialect;
  /** DATA_DIR: the embedded event store (and, on SQLite, the read models). Outlives close(); removed after the suite. */
  dataDir: string;
  /** READ_MODEL_DATABASE_URL on PostgreSQL; undefined on SQLite. */
  readModelDatabaseUrl?: string;
  /** The environment it was started with (without DATA_DIR and READ_MODEL_DATABASE_URL). */
  env: AppEnv;
}

/** Starts the app on a fresh DATA_DIR and, on PostgreSQL, a fresh database. */
export type StartApp = (env?: AppEnv) => Promise<DialectTestApp>;

export interface DialectContext {
  dialect: ReadModelDialect;
  /**
   * Starts the app again on the DATA_DIR (event store) and read-model database of one started before: a restart.
   * Close `previous` first (the projection runner holds the read-model lock). `env` defaults to previous.env.
   */
  restartApp(previous: DialectTestApp, env?: AppEnv): Promise<DialectTestApp>;
}

/**
 * Runs an API suite once on the SQLite read models (the default) and once on PostgreSQL (READ_MODEL_DATABASE_URL),
 * where every started app gets its own database on the server of test/read-models/support/read-model-databases.ts
 * (127.0.0.1:5432, user postgres, trust auth; READ_MODEL_TEST_POSTGRES_URL overrides), dropped after the suite.
 * Without a reachable server the PostgreSQL half is skipped with a printed reason, unless REQUIRE_POSTGRES=1,
 * where it fails. Apps still open at the end of the suite are closed.
 */
export function describeApiOnReadModelDialects(name: string, suite: (startApp: StartApp, context: DialectContext) => void): void {
  describe(`${name} [sqlite]`, () => defineSuite('sqlite', suite));
  const unreachable = postgresUnreachableReason();
  if (unreachable === undefined) {
    describe(`${name} [postgres]`, () => defineSuite('postgres', suite));
  } else if (process.env.REQUIRE_POSTGRES === '1') {
    describe(`${name} [postgres]`, () => {
      it('needs PostgreSQL (REQUIRE_POSTGRES=1)', () => {
        throw new Error(`PostgreSQL at ${redact(POSTGRES_ADMIN_URL)} is required but unreachable: ${unreachable}`);
      });
    });
  } else {
    console.log(`Skipping the PostgreSQL half of "${name}": ${redact(POSTGRES_ADMIN_URL)} unreachable (${unreachable}).`);
    describe.skip(`${name} [postgres]`, () => defineSuite('postgres', suite));
  }
}

function defineSuite(dialect: ReadModelDialect, suite: (startApp: StartApp, context: DialectContext) => void): void {
  const open = new Set<DialectTestApp>();
  const cleanups: Array<() => Promise<void>> = [];

  const launch = async (dataDir: string, readModelDatabaseUrl: string | undefined, env: AppEnv): Promise<DialectTestApp> => {
    const started = await startTestApp({
      ...env,
      DATA_DIR: dataDir,
      ...(readModelDatabaseUrl ? { READ_MODEL_DATABASE_URL: readModelDatabaseUrl } : {}),
    });
    let closing: Promise<void> | undefined;
    const app: DialectTestApp = {
      ...started,
      dialect,
      dataDir,
      readModelDatabaseUrl,
      env,
      // Idempotent: the suite may close an app itself, and whatever is left open is closed after it.
      close: () => {
        closing ??= started.close().finally(() => open.delete(app));
        return closing;
      },
    };
    open.add(app);
    return app;
  };

  const startApp: StartApp = async (env = {}) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'queries-e2e-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    let url: string | undefined;
    if (dialect === 'postgres') {
      const database = `q_e2e_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      await admin(`create database ${database}`);
      cleanups.push(() => admin(`drop database if exists ${database} with (force)`));
      const parsed = new URL(POSTGRES_ADMIN_URL);
      parsed.pathname = `/${database}`;
      url = parsed.toString();
    }
    return launch(dataDir, url, env);
  };

  const restartApp = async (previous: DialectTestApp, env: AppEnv = previous.env): Promise<DialectTestApp> => {
    if (open.has(previous)) throw new Error('restartApp: close the previous app first');
    return launch(previous.dataDir, previous.readModelDatabaseUrl, env);
  };

  afterAll(async () => {
    await Promise.all([...open].map((app) => app.close()));
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  suite(startApp, { dialect, restartApp });
}
