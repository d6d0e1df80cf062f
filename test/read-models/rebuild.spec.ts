import type { Transaction } from 'kysely';
import type { StoredEvent } from '@app/event-store';
import type { ReadsByStream } from '@app/event-store/sqlite/stream-ordered-read';
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
  type RebuildOrder,
  type RebuildProgress,
  UnfinishedRebuildError,
} from '@app/read-models';
import { caseProjectionDyingAt } from './support/dying-projection';
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
    incremental ??= await runners.liveTables(log, databases);
  });

  const rebuild = (database: Parameters<typeof rebuildReadModels>[0]['database'], extra = {}) =>
    rebuildReadModels({ store: log.store, database, projections: caseReadModelProjections(), ...extra });

  it('reads the embedded store stream by stream unless told otherwise', async () => {
    expect((await rebuild(await databases.openFresh())).order).toBe('stream');
    expect((await rebuild(await databases.openFresh(), { order: 'log' })).order).toBe('log');
  });

  describe.each<RebuildOrder>(['stream', 'log'])('in %s order', (order) => {
    it('gives the tables of the incremental run, in batches, reporting progress and a summary', async () => {
      const database = await databases.openFresh();
      const progress: RebuildProgress[] = [];
      const result = await rebuild(database, { order, batchSize: 50, onProgress: (p: RebuildProgress) => progress.push(p) });

      expect(await dumpReadModels(database.db)).toEqual(incremental);
      expect(result).toMatchObject({ events: caseEvents, order });
      expect(result.eventsPerSecond).toBeCloseTo(result.events / result.seconds, 3);
      expect(Object.keys(result.unknownTypes)).toEqual(['CaseArchivedByAFutureVersion']);
      expect(progress[0]).toEqual({ applied: 0, total: caseEvents });
      expect(progress[progress.length - 1]).toEqual({ applied: caseEvents, total: caseEvents });
      const steps = progress.slice(1).map((p, i) => p.applied - progress[i].applied);
      if (order === 'log') {
        expect(steps).toEqual([...Array(Math.floor(caseEvents / 50)).fill(50), ...(caseEvents % 50 ? [caseEvents % 50] : [])]);
      } else {
        // Whole streams per transaction: at least the batch size, and each stream (a handful of events) at most above it.
        steps.slice(0, -1).forEach((step) => expect(step).toBeGreaterThanOrEqual(50));
        steps.forEach((step) => expect(step).toBeLessThan(50 + 20));
      }
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
      await rebuild(database, { order });
      expect(await dumpReadModels(database.db)).toEqual(incremental);
    });

    it('holds the lock: refuses while a runner has it, and has it itself from before the first event to after the last', async () => {
      const target = await databases.newTarget();
      const runner = runners.start(log, await target.open());
      await runner.waitForPosition(1n, 5000);
      await expect(rebuild(await target.open(), { order, lockTimeoutMs: 100 })).rejects.toBeInstanceOf(ReadModelLockUnavailableError);
      await runner.stop();

      const database = await target.open();
      const events: string[] = [];
      const inner = createReadModelLock(database);
      const lock: ReadModelLock = {
        name: inner.name,
        owner: inner.owner,
        tryAcquire: async () => (events.push('acquire'), inner.tryAcquire()),
        release: async () => (events.push('release'), inner.release()),
        onLost: (listener) => inner.onLost(listener),
      };
      const spy = new CaseProjection();
      const [applyBatch, writeRows] = [spy.applyBatch.bind(spy), spy.writeRows.bind(spy)];
      const applying = () => events[events.length - 1] !== 'apply' && events.push('apply');
      spy.applyBatch = async (trx, batch) => (applying(), applyBatch(trx, batch));
      spy.writeRows = async (trx, rows) => (applying(), writeRows(trx, rows));
      await rebuildReadModels({ store: log.store, database, projections: [spy], lock, order });
      expect(events).toEqual(['acquire', 'apply', 'release']);
      expect(await dumpReadModels(database.db)).toEqual(incremental);
    });
  });

  it('in log order, dying half way leaves whole batches with their checkpoint, which a runner then continues', async () => {
    const database = await databases.openFresh();
    const failing = new CaseProjection();
    const applyBatch = failing.applyBatch.bind(failing);
    let calls = 0;
    failing.applyBatch = async (trx: Transaction<ReadModelSchema>, events: readonly StoredEvent[]) => {
      if ((calls += 1) === 3) throw new Error('killed');
      return applyBatch(trx, events);
    };
    await expect(
      rebuildReadModels({ store: log.store, database, projections: [failing], batchSize: 50, order: 'log' }),
    ).rejects.toBeInstanceOf(ProjectionApplyError);
    const checkpoint = (await readCheckpoints(database.db, [failing.name])).get(failing.name);
    expect(checkpoint).not.toBeNull();

    await runners.runToEnd(log, database);
    expect(await dumpReadModels(database.db)).toEqual(incremental);
  });

  it('in stream order, dying half way leaves tables a runner refuses to continue, until a rebuild finishes', async () => {
    const database = await databases.openFresh();
    const failing = caseProjectionDyingAt(3);
    await expect(
      rebuildReadModels({ store: log.store, database, projections: [failing], batchSize: 50, order: 'stream' }),
    ).rejects.toBeInstanceOf(ProjectionApplyError);
    expect((await readCheckpoints(database.db, [failing.name])).get(failing.name)).toBeNull();

    const runner = runners.start(log, database);
    await expect(runner.done).rejects.toBeInstanceOf(UnfinishedRebuildError);
    expect(runner.state).toBe('failed');

    await rebuild(database, { order: 'stream' });
    await runners.runToEnd(log, database);
    expect(await dumpReadModels(database.db)).toEqual(incremental);
  });

  it('in stream order, equals the live runner on a larger log, and a runner continues exactly from where the read ended', async () => {
    // Events appended while the rebuild reads are not in its snapshot: the runner applies them afterwards.
    const larger = new CaseLog();
    const later = new CaseLog();
    try {
      await generateCaseLog(larger, { cases: 150, seed: 23 });
      await generateCaseLog(later, { cases: 20, seed: 29 });
      const lateEvents: StoredEvent[] = [];
      for await (const event of later.store.readAll()) lateEvents.push(event);
      const store = larger.store as typeof larger.store & ReadsByStream;
      const readAllByStream = store.readAllByStream.bind(store);
      let appendedDuringRead = false;
      const appendingStore = Object.assign(Object.create(store) as typeof store, {
        readAllByStream: (options?: Parameters<ReadsByStream['readAllByStream']>[0]) => {
          const read = readAllByStream(options);
          return {
            upTo: read.upTo,
            count: () => read.count(),
            async *pages() {
              for await (const page of read.pages()) {
                if (!appendedDuringRead) {
                  appendedDuringRead = true;
                  for (const e of lateEvents) {
                    await larger.append(e.streamId, e.type, e.data, { eventId: e.eventId, recordedAt: e.metadata.recordedAt as string });
                  }
                }
                yield page;
              }
            },
          };
        },
      });

      const rebuilt = await databases.openFresh();
      const result = await rebuildReadModels({
        store: appendingStore,
        database: rebuilt,
        projections: caseReadModelProjections(),
        batchSize: 100,
        order: 'stream',
      });
      expect(appendedDuringRead).toBe(true);
      expect(result.events).toBeLessThan(Number(larger.lastCasePosition));
      await runners.runToEnd(larger, rebuilt);

      const live = await databases.openFresh();
      await runners.runToEnd(larger, live);
      const expected = await dumpReadModels(live.db);
      expect(expected.case_summaries.length).toBe(170);
      expect(await dumpReadModels(rebuilt.db)).toEqual(expected);
    } finally {
      await larger.close();
      await later.close();
    }
  });
});
