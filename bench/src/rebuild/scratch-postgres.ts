import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL server the rebuild is measured on: the tests' server (127.0.0.1:5432, user postgres, trust),
 * or BENCH_POSTGRES_URL / READ_MODEL_TEST_POSTGRES_URL. Each rebuild gets a scratch database, dropped after.
 */
export const POSTGRES_ADMIN_URL =
  process.env.BENCH_POSTGRES_URL || process.env.READ_MODEL_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** A URL without its credentials, for messages and the JSON. */
export const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//');

async function admin(statement: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot be used, or undefined when it answers. */
export async function postgresUnreachableReason(): Promise<string | undefined> {
  try {
    await admin('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  }
}

export async function withScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `bench_rebuild_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  try {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}
