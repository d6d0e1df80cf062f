import { Client } from 'pg';
import type { Transaction } from 'kysely';
import type { StoredEvent } from '@app/event-store';
import { guardianAssigned, measureImposed } from '@app/domain/case/testing/case-fixtures';
import { CaseProjection, createReadModelLock, type ReadModelSchema } from '@app/read-models';
import { CaseLog } from './support/case-log';
import { describeOnReadModelDatabases, POSTGRES_ADMIN_URL } from './support/read-model-databases';
import { eventually, RecordingLogger, Runners } from './support/runners';
import { dumpReadModels } from './support/table-dump';

/** The case projection, counting what it applies: which runner did the work. */
class CountingProjection extends CaseProjection {
  applied = 0;
  // CaseProjection.apply goes through applyBatch too, and the runner applies the events it has at hand in one batch.
  override async applyBatch(trx: Transaction<ReadModelSchema>, events: readonly StoredEvent[]): Promise<void> {
    this.applied += events.length;
    await super.applyBatch(trx, events);
  }
}

/** Ends the PostgreSQL sessions of a lock owner, as the server does when the owner's process dies. */
async function killSessionsOf(owner: string): Promise<void> {
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
      `read-model-lock ${owner}`,
    ]);
  } finally {
    await admin.end();
  }
}

describeOnReadModelDatabases('read-model lock', (databases) => {
  const runners = new Runners();
  let log: CaseLog;

  beforeEach(() => {
    log = new CaseLog();
  });
  afterEach(async () => {
    await runners.stopAll();
    await log.close();
  });

  it('is held by one owner at a time, re-entrant for its holder, free again after release', async () => {
    const target = await databases.newTarget();
    const [one, two] = [createReadModelLock(await target.open()), createReadModelLock(await target.open())];
    try {
      expect(await one.tryAcquire()).toBe(true);
      expect(await one.tryAcquire()).toBe(true);
      expect(await two.tryAcquire()).toBe(false);
      await one.release();
      expect(await two.tryAcquire()).toBe(true);
      expect(await one.tryAcquire()).toBe(false);
    } finally {
      await one.release();
      await two.release();
    }
  });

  it('two runners started at once on one database (two processes): one applies, the other waits; it takes over on stop', async () => {
    const target = await databases.newTarget();
    const [first, second] = [new CountingProjection(), new CountingProjection()];
    const [firstLog, secondLog] = [new RecordingLogger(), new RecordingLogger()];
    await log.record('c1', measureImposed());
    const a = runners.start(log, await target.open(), { projections: [first], logger: firstLog });
    const b = runners.start(log, await target.open(), { projections: [second], logger: secondLog });

    const refused = (logger: RecordingLogger) => logger.messages('info').includes('standby: another process holds the read-model lock');
    await eventually(() => refused(firstLog) || refused(secondLog), 5000, 'one runner refused the lock');
    const aActive = refused(secondLog);
    const [active, standby] = aActive ? [a, b] : [b, a];
    const [activeCount, standbyCount] = aActive ? [first, second] : [second, first];
    expect([refused(firstLog), refused(secondLog)].filter(Boolean)).toHaveLength(1);
    await eventually(() => active.state === 'running', 5000, 'the holder runs');
    expect(standby.state).toBe('standby');

    for (let i = 2; i <= 10; i++) await log.record(`c${i}`, measureImposed({ caseId: `c${i}` }));
    expect(await active.waitForPosition(log.lastCasePosition, 5000)).toBe(true);
    expect([activeCount.applied, standbyCount.applied]).toEqual([10, 0]);

    await active.stop();
    await eventually(() => standby.state === 'running', 5000, 'the standby takes over');
    await log.record('c1', guardianAssigned());
    expect(await standby.waitForPosition(log.lastCasePosition, 5000)).toBe(true);
    expect([activeCount.applied, standbyCount.applied]).toEqual([10, 1]);

    const clean = await databases.openFresh();
    await runners.runToEnd(log, clean);
    const database = await target.open();
    expect(await dumpReadModels(database.db)).toEqual(await dumpReadModels(clean.db));
  });

  it('a crashed holder does not block for ever: its session ends (PostgreSQL) or its lease runs out (SQLite)', async () => {
    const target = await databases.newTarget();
    const crashed = await target.open();
    const lock = createReadModelLock(crashed, { owner: 'crashed-process' });
    if (target.dialect === 'postgres') {
      expect(await lock.tryAcquire()).toBe(true);
    } else {
      // What a process that died holding the lease leaves behind: a row nobody renews or deletes.
      await crashed.db.insertInto('read_model_leases').values({ name: 'read-models', owner: 'crashed-process', expires_at: Date.now() + 400 }).execute();
    }

    await log.record('c1', measureImposed());
    const runner = runners.start(log, await target.open());
    await eventually(() => runner.state === 'standby', 2000, 'standby');
    expect(await runner.waitForPosition(log.lastCasePosition, 150)).toBe(false);

    if (target.dialect === 'postgres') await killSessionsOf('crashed-process');
    expect(await runner.waitForPosition(log.lastCasePosition, 5000)).toBe(true);
    await lock.release().catch(() => undefined);
  });

  it('a runner that loses its lock stops applying, logs it and goes back to standby, then re-acquires', async () => {
    const target = await databases.newTarget();
    const database = await target.open();
    const logger = new RecordingLogger();
    await log.record('c1', measureImposed());
    const runner = runners.start(log, database, { logger, lock: createReadModelLock(database, { owner: 'victim', leaseMs: 150 }) });
    expect(await runner.waitForPosition(log.lastCasePosition, 5000)).toBe(true);

    if (target.dialect === 'postgres') {
      await killSessionsOf('victim');
    } else {
      // Another process took the lease over (say the holder was paused for longer than the lease).
      await database.db.updateTable('read_model_leases').set({ owner: 'usurper', expires_at: Date.now() + 300 }).execute();
    }
    await eventually(() => logger.messages('warn').includes('read-model lock lost; back to standby'), 5000, 'lock loss noticed');
    await log.record('c1', guardianAssigned());
    expect(await runner.waitForPosition(log.lastCasePosition, 5000)).toBe(true);
    expect(runner.state).toBe('running');
  });
});
