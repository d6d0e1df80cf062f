import { isTransientDatabaseError, withTransientRetry } from './transient-errors';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransientDatabaseError', () => {
  it.each([
    ['SQLite write lock taken', coded('SQLITE_BUSY')],
    ['SQLite stale WAL snapshot', coded('SQLITE_BUSY_SNAPSHOT')],
    ['PostgreSQL serialization failure', coded('40001')],
    ['PostgreSQL deadlock', coded('40P01')],
    ['PostgreSQL connection exception', coded('08006')],
    ['PostgreSQL admin shutdown', coded('57P01')],
    ['socket reset', coded('ECONNRESET')],
    ['node-postgres dropped connection', new Error('Connection terminated unexpectedly')],
  ])('retries %s', (_what, error) => expect(isTransientDatabaseError(error)).toBe(true));

  it.each([
    ['a constraint violation', coded('SQLITE_CONSTRAINT_UNIQUE')],
    ['a PostgreSQL syntax error', coded('42601')],
    ['a bug in a projection', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['nothing', undefined],
  ])('does not retry %s', (_what, error) => expect(isTransientDatabaseError(error)).toBe(false));
});

describe('withTransientRetry', () => {
  const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

  it('retries transient failures with growing pauses, then succeeds', async () => {
    let calls = 0;
    const delays: number[] = [];
    const result = await withTransientRetry(
      async () => {
        if ((calls += 1) < 3) throw coded('SQLITE_BUSY');
        return 'done';
      },
      policy,
      (_error, _attempt, delay) => delays.push(delay),
    );
    expect({ result, calls, delays }).toEqual({ result: 'done', calls: 3, delays: [1, 2] });
  });

  it('gives up after the last attempt, and at once on other errors', async () => {
    let calls = 0;
    await expect(withTransientRetry(async () => ((calls += 1), Promise.reject(coded('SQLITE_BUSY'))), policy)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(calls).toBe(3);
    calls = 0;
    await expect(withTransientRetry(async () => ((calls += 1), Promise.reject(new Error('bug'))), policy)).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });
});
