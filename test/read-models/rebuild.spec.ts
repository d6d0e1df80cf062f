import type { Transaction } from 'kysely';
import type { StoredEvent } from '@app/event-store';
import {
  CaseProjection,
  caseReadModelProjections,
  createReadModelLock,
  ProjectionApplyError,
  readCheckpoints,
  ReadModelLockUnavailableError,
  type ReadModelLock,
  type ReadModelSchema,
  rebuildReadModels,
  type RebuildProgress,
} from '@app/read-models';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { Runners } from './support/runners';
import { dumpReadModels, type TableDump } from './support/table-dump';

describeOnReadModelDatabases('rebuild', (databases) => {
  const runners = new Runners();
  let log: CaseLog;
  let caseEvents = 0;
  let incremental: TableDump;

  beforeAll(async () => {
    log = new CaseLog();
    await generateCaseLog(log, { cases: 30, seed: 11 });
    for await (const _ of log.store.readAll({ streamPrefix: 'case-' })) caseEvents += 1;
  });
  afterAll(() => log.close());
  afterEach(() => runners.stopAll());
  beforeEach(async () => {
    if (incremental) return;
    const database = await databases.openFresh();
    await runners.runToEnd(log, database);
    incremental = await dumpReadModels(database.db);
  });

  const rebuild = (database: Parameters<typeof rebuildReadModels>[0]['database'], extra = {}) =>
    rebuildReadModels({ store: log.store, database, projections: caseReadModelProjections(), ...extra });

  it('gives the tables of the incremental run, in batches, reporting progress and a summary', async () => {
    const database = await databases.openFresh();
    const progress: RebuildProgress[] = [];
    const result = await rebuild(database, { batchSize: 50, onProgress: (p: RebuildProgress) => progress.push(p) });

    expect(await dumpReadModels(database.db)).toEqual(incremental);
    expect(result.events).toBe(caseEvents);
    expect(result.eventsPerSecond).toBeCloseTo(result.events / result.seconds, 3);
    expect(Object.keys(result.unknownTypes)).toEqual(['CaseArchivedByAFutureVersion']);
    expect(progress[0]).toEqual({ applied: 0, total: caseEvents });
    expect(progress).toHaveLength(1 + Math.ceil(caseEvents / 50));
    expect(progress[progress.length - 1]).toEqual({ applied: caseEvents, total: caseEvents });
  });

  it('empties the tables first: rows of a different history do not survive', async () => {
    const database = await databases.openFresh();
    const other = new CaseLog();
    try {
      await generateCaseLog(other, { cases: 5, seed: 99 });
      await runners.runToEnd(other, database);
    } finally {
      await other.close();
    }
    await rebuild(database);
    expect(await dumpReadModels(database.db)).toEqual(incremental);
  });

  it('holds the lock: refuses while a runner has it, and has it itself from before the first event to after the last', async () => {
    const target = await databases.newTarget();
    const runner = runners.start(log, await target.open());
    await runner.waitForPosition(1n, 5000);
    await expect(rebuild(await target.open(), { lockTimeoutMs: 100 })).rejects.toBeInstanceOf(ReadModelLockUnavailableError);
    await runner.stop();

    const database = await target.open();
    const events: string[] = [];
    const inner = createReadModelLock(database);
    const lock: ReadModelLock = {
      owner: inner.owner,
      tryAcquire: async () => (events.push('acquire'), inner.tryAcquire()),
      release: async () => (events.push('release'), inner.release()),
      onLost: (listener) => inner.onLost(listener),
    };
    const spy = new CaseProjection();
    const apply = spy.apply.bind(spy);
    spy.apply = async (trx: Transaction<ReadModelSchema>, event: StoredEvent) => {
      if (events[events.length - 1] !== 'apply') events.push('apply');
      return apply(trx, event);
    };
    await rebuildReadModels({ store: log.store, database, projections: [spy], lock });
    expect(events).toEqual(['acquire', 'apply', 'release']);
    expect(await dumpReadModels(database.db)).toEqual(incremental);
  });

  it('dying half way leaves whole batches with their checkpoint, which a runner then continues', async () => {
    const database = await databases.openFresh();
    const failing = new CaseProjection();
    const apply = failing.apply.bind(failing);
    let calls = 0;
    failing.apply = async (trx, event) => {
      if ((calls += 1) === 130) throw new Error('killed');
      return apply(trx, event);
    };
    await expect(
      rebuildReadModels({ store: log.store, database, projections: [failing], batchSize: 50 }),
    ).rejects.toBeInstanceOf(ProjectionApplyError);
    const checkpoint = (await readCheckpoints(database.db, [failing.name])).get(failing.name);
    expect(checkpoint).not.toBeNull();

    await runners.runToEnd(log, database);
    expect(await dumpReadModels(database.db)).toEqual(incremental);
  });
});
