import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  openReadModelDatabase,
  type ReadModelDatabase,
  type ReadModelDatabaseOptions,
  type ReadModelDialect,
} from '@app/read-models';

/**
 * Runs a suite against both read-model dialects. PostgreSQL is the one at READ_MODEL_TEST_POSTGRES_URL
 * (default: the CI machine's 127.0.0.1:5432, user postgres, trust auth), one fresh database per target, dropped
 * after the suite. Without a reachable server the PostgreSQL half is skipped with a printed reason, unless
 * REQUIRE_POSTGRES=1 (set by .ci/run), where it fails instead.
 */
export const POSTGRES_ADMIN_URL =
  process.env.READ_MODEL_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** A place a read-model database lives; open it more than once to play several processes. */
export interface ReadModelTarget {
  dialect: ReadModelDialect;
  options: ReadModelDatabaseOptions;
  open(extra?: Partial<ReadModelDatabaseOptions>): Promise<ReadModelDatabase>;
}

export interface ReadModelDatabases {
  dialect: ReadModelDialect;
  /** A new, empty location (temp dir or database); everything opened on it is closed after each test. */
  newTarget(): Promise<ReadModelTarget>;
  /** newTarget().open(). */
  openFresh(): Promise<ReadModelDatabase>;
}

export function describeOnReadModelDatabases(name: string, suite: (databases: ReadModelDatabases) => void): void {
  describe(`${name} [sqlite]`, () => suite(databasesFor('sqlite')));
  const unreachable = postgresUnreachableReason();
  if (unreachable === undefined) {
    describe(`${name} [postgres]`, () => suite(databasesFor('postgres')));
  } else if (process.env.REQUIRE_POSTGRES === '1') {
    describe(`${name} [postgres]`, () => {
      it('needs PostgreSQL (REQUIRE_POSTGRES=1)', () => {
        throw new Error(`PostgreSQL at ${redact(POSTGRES_ADMIN_URL)} is required but unreachable: ${unreachable}`);
      });
    });
  } else {
    console.log(`Skipping the PostgreSQL half of "${name}": ${redact(POSTGRES_ADMIN_URL)} unreachable (${unreachable}).`);
    describe.skip(`${name} [postgres]`, () => suite(databasesFor('postgres')));
  }
}

function databasesFor(dialect: ReadModelDialect): ReadModelDatabases {
  const opened: ReadModelDatabase[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const newTarget = async (): Promise<ReadModelTarget> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'read-models-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const options: ReadModelDatabaseOptions = { dataDir };
    if (dialect === 'postgres') {
      const name = `rm_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      await admin(`create database ${name}`);
      cleanups.push(() => admin(`drop database if exists ${name} with (force)`));
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      options.url = url.toString();
    }
    return {
      dialect,
      options,
      open: async (extra = {}) => {
        const database = await openReadModelDatabase({ poolSize: 4, ...options, ...extra });
        opened.push(database);
        return database;
      },
    };
  };
  return { dialect, newTarget, openFresh: async () => (await newTarget()).open() };
}

/** Runs one statement on the PostgreSQL server's admin database (create / drop database). */
export async function admin(statement: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const PROBE = `
const { Client } = require('pg');
const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
client.connect().then(() => client.query('select 1')).then(() => client.end()).then(
  () => process.exit(0),
  (error) => { process.stderr.write(String(error.message || error.code || error)); process.exit(1); });
`;

/** Checked synchronously (jest collects tests synchronously), once per worker process. */
export function postgresUnreachableReason(): string | undefined {
  const cacheKey = '__READ_MODEL_TEST_POSTGRES_PROBE';
  const cached = process.env[cacheKey];
  if (cached !== undefined) return cached === '' ? undefined : cached;
  let reason: string | undefined;
  try {
    execFileSync(process.execPath, ['-e', PROBE, POSTGRES_ADMIN_URL], {
      cwd: join(__dirname, '..', '..', '..'),
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 10_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    reason = stderr || (error as Error).message;
  }
  process.env[cacheKey] = reason ?? '';
  return reason;
}

/** A connection URL without its credentials, for messages. */
export const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//');
