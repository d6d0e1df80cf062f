import { guardianAssigned, measureImposed } from '@app/domain/case/testing/case-fixtures';
import { SqliteEventStore } from '@app/event-store';
import { caseReadModelProjections, ProjectionStatusReader, projectionStatusJson, type ReadModelDatabase } from '@app/read-models';
import { CaseLog } from './support/case-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { Runners } from './support/runners';

/** Lag as /health and the query responses will report it, and the wait behind ?minPosition=. */
describeOnReadModelDatabases('lag and waitForPosition', (databases) => {
  const runners = new Runners();
  let storeNow: Date;
  let log: CaseLog;
  let database: ReadModelDatabase;
  const names = caseReadModelProjections().map((p) => p.name);
  const reader = (options: { countLimit?: number; db?: ReadModelDatabase } = {}) =>
    new ProjectionStatusReader({
      store: log.store,
      db: (options.db ?? database).db,
      projectionNames: names,
      now: () => new Date('2021-03-01T10:00:30Z'),
      cacheMs: 0,
      pollMs: 10,
      countLimit: options.countLimit,
    });

  beforeEach(async () => {
    storeNow = new Date('2021-03-01T10:00:00Z');
    log = new CaseLog(new SqliteEventStore(':memory:', { pollIntervalMs: 20, now: () => storeNow }));
    database = await databases.openFresh();
  });
  afterEach(async () => {
    await runners.stopAll();
    await log.close();
  });

  it('counts the case events after the checkpoint and the age of the oldest one', async () => {
    await log.record('c1', measureImposed());
    storeNow = new Date('2021-03-01T10:00:20Z');
    await log.record('c1', guardianAssigned());
    await log.append('audit-1', 'Noted', {}); // other streams are not the read models' business
    expect(await reader().status()).toEqual({
      position: null,
      eventsBehind: 2,
      eventsBehindCapped: false,
      secondsBehind: 30,
      caughtUp: false,
    });

    await runners.runToEnd(log, database);
    expect(await reader().status()).toEqual({
      position: log.lastCasePosition,
      eventsBehind: 0,
      eventsBehindCapped: false,
      secondsBehind: 0,
      caughtUp: true,
    });
  });

  it('stops counting at countLimit and says so', async () => {
    for (let i = 0; i < 5; i++) await log.record(`c${i}`, measureImposed({ caseId: `c${i}` }));
    const status = await reader({ countLimit: 3 }).status();
    expect(status).toMatchObject({ eventsBehind: 3, eventsBehindCapped: true, caughtUp: false });
    expect(projectionStatusJson(status)).toEqual({ ...status, position: null });
  });

  it("the runner's status adds its state; JSON gives the position as a string", async () => {
    await log.record('c1', measureImposed());
    const runner = runners.start(log, database);
    expect(await runner.waitForPosition(log.lastCasePosition, 5000)).toBe(true);
    const status = await runner.status();
    expect(status).toMatchObject({ state: 'running', caughtUp: true, eventsBehind: 0, position: log.lastCasePosition });
    expect(projectionStatusJson(status).position).toBe(String(log.lastCasePosition));
  });

  it('waitForPosition resolves once a live event is applied, and gives false after its timeout when nothing applies', async () => {
    const runner = runners.start(log, database);
    const { position } = await log.record('c1', measureImposed());
    const started = Date.now();
    expect(await runner.waitForPosition(position, 5000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);

    await runner.stop();
    const { position: later } = await log.record('c1', guardianAssigned());
    const waitedFrom = Date.now();
    expect(await runner.waitForPosition(later, 100)).toBe(false);
    expect(Date.now() - waitedFrom).toBeGreaterThanOrEqual(95);
  });

  it('waitForPosition works from a process without the runner (the api with apps/projector), by polling', async () => {
    const target = await databases.newTarget();
    const [projector, api] = [await target.open(), await target.open()];
    database = api;
    const waiting = reader({ db: api }).waitForPosition(3n, 5000);
    runners.start(log, projector);
    await log.record('c1', measureImposed());
    await log.record('c2', measureImposed({ caseId: 'c2' }));
    await log.record('c3', measureImposed({ caseId: 'c3' }));
    expect(await waiting).toBe(true);
  });
});
