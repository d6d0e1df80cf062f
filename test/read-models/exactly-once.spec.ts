import type { Transaction } from 'kysely';
import { guardianAssigned, measureImposed, waitlisted, waitlistLeft } from '@app/domain/case/testing/case-fixtures';
import type { EventStore, StoredEvent, SubscribeOptions } from '@app/event-store';
import {
  CaseProjection,
  type Projection,
  ProjectionApplyError,
  readCheckpoints,
  type ReadModelDatabase,
  type ReadModelSchema,
} from '@app/read-models';
import { CaseLog } from './support/case-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { RecordingLogger, Runners } from './support/runners';
import { dumpReadModels } from './support/table-dump';

/** The case projection, failing the way a test asks, after it has written its rows for the event. */
class FailingCaseProjection implements Projection {
  private readonly inner = new CaseProjection();
  readonly name = this.inner.name;
  readonly tables = this.inner.tables;
  calls = 0;

  constructor(private readonly failOn: (event: StoredEvent, call: number) => unknown) {}

  async apply(trx: Transaction<ReadModelSchema>, event: StoredEvent): Promise<void> {
    this.calls += 1;
    await this.inner.apply(trx, event);
    const error = this.failOn(event, this.calls);
    if (error) throw error;
  }
}

/** A log that redelivers everything from the start whatever checkpoint the runner asks to resume from. */
const redeliveringStore = (store: EventStore): EventStore =>
  Object.assign(Object.create(store) as EventStore, {
    subscribeToAll: (options: SubscribeOptions) => store.subscribeToAll({ ...options, from: 'start' }),
  });

/** A log whose first subscription breaks after one event, as a connection to EventStoreDB may. */
const breakingOnceStore = (store: EventStore): EventStore => {
  let broken = false;
  return Object.assign(Object.create(store) as EventStore, {
    subscribeToAll: (options: SubscribeOptions) => {
      const inner = store.subscribeToAll(options);
      if (broken) return inner;
      broken = true;
      return {
        close: () => inner.close(),
        async *[Symbol.asyncIterator]() {
          for await (const event of inner) {
            yield event;
            throw new Error('subscription dropped');
          }
        },
      };
    },
  });
};

describeOnReadModelDatabases('exactly once', (databases) => {
  const runners = new Runners();
  let log: CaseLog;
  let database: ReadModelDatabase;

  beforeEach(async () => {
    log = new CaseLog();
    database = await databases.openFresh();
  });
  afterEach(async () => {
    await runners.stopAll();
    await log.close();
  });

  const someCase = async () => {
    await log.record('c1', measureImposed());
    await log.record('c1', guardianAssigned());
    await log.record('c1', waitlisted());
    await log.record('c1', waitlistLeft());
  };
  const checkpoint = async () => (await readCheckpoints(database.db, ['case-read-models'])).get('case-read-models');

  it('re-delivering every event changes nothing: the position guard skips what the checkpoint covers', async () => {
    await someCase();
    // Past position 9, so the guard must compare positions as numbers ('10' < '9' as text) in both dialects.
    for (let i = 2; i <= 8; i++) await log.record(`c${i}`, measureImposed({ caseId: `c${i}` }));
    await runners.runToEnd(log, database);
    const once = await dumpReadModels(database.db);

    // One more event at the end: once it is applied, every redelivered event before it has gone through.
    await log.append('case-c2', 'CaseArchivedV9', {});
    const projection = new FailingCaseProjection(() => undefined);
    await runners.runToEnd(log, database, { store: redeliveringStore(log.store), projections: [projection] });
    expect(projection.calls).toBe(0);
    expect(await dumpReadModels(database.db)).toEqual({
      ...once,
      projection_checkpoints: [{ projection: 'case-read-models', position: String(log.lastCasePosition) }],
    });
  });

  it('an apply that throws leaves neither its rows nor the checkpoint, stops the runner and surfaces the error', async () => {
    await someCase();
    const logger = new RecordingLogger();
    const failing = new FailingCaseProjection((event) => (event.type === 'Waitlisted' ? new Error('boom') : undefined));
    const runner = runners.start(log, database, { projections: [failing], logger });

    await expect(runner.done).rejects.toBeInstanceOf(ProjectionApplyError);
    await expect(runner.done).rejects.toThrow(/case-read-models failed on Waitlisted at position 3 .*boom/);
    expect(runner.state).toBe('failed');
    expect((await runner.status()).error).toMatch(/boom/);
    expect(logger.messages('error')).toContain('projection runner failed and stopped');
    expect(await checkpoint()).toBe(2n);
    const rows = await database.db.selectFrom('case_summaries').select('version').execute();
    expect(rows).toEqual([{ version: 2 }]);
    expect(await database.db.selectFrom('case_waitlist_entries').selectAll().execute()).toEqual([]);

    // Fixed (a new release), the next runner resumes at the failed event and ends where a clean run ends.
    await runners.runToEnd(log, database);
    const clean = await databases.openFresh();
    await runners.runToEnd(log, clean);
    expect(await dumpReadModels(database.db)).toEqual(await dumpReadModels(clean.db));
  });

  it('retries a transient database error and applies the event once', async () => {
    await someCase();
    const logger = new RecordingLogger();
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const flaky = new FailingCaseProjection((event, call) => (event.type === 'GuardianAssigned' && call === 2 ? busy : undefined));
    await runners.runToEnd(log, database, { projections: [flaky], logger });
    expect(logger.messages('warn')).toContain('transient error; retrying');
    const clean = await databases.openFresh();
    await runners.runToEnd(log, clean);
    expect(await dumpReadModels(database.db)).toEqual(await dumpReadModels(clean.db));
  });

  it('resubscribes from the checkpoint when the subscription breaks, missing and repeating nothing', async () => {
    await someCase();
    const logger = new RecordingLogger();
    await runners.runToEnd(log, database, { store: breakingOnceStore(log.store), logger });
    expect(logger.messages('warn')).toContain('subscription failed; resubscribing');
    const clean = await databases.openFresh();
    await runners.runToEnd(log, clean);
    expect(await dumpReadModels(database.db)).toEqual(await dumpReadModels(clean.db));
  });

  it('logs and skips events of unknown types, once per type at warn, and still moves the checkpoint past them', async () => {
    await log.record('c1', measureImposed());
    const first = await log.append('case-c1', 'CaseArchivedV9', {});
    await log.record('c1', guardianAssigned());
    const last = await log.append('case-c1', 'CaseArchivedV9', {});
    await log.append('audit-1', 'SomethingElse', {}); // not a case stream: never delivered
    const logger = new RecordingLogger();
    await runners.runToEnd(log, database, { logger });

    expect(await checkpoint()).toBe(last.position);
    const unknown = logger.entries.filter((e) => (e.context as { eventType?: string }).eventType === 'CaseArchivedV9');
    expect(unknown.map((e) => [e.level, (e.context as { position: string }).position])).toEqual([
      ['warn', String(first.position)],
      ['debug', String(last.position)],
    ]);
    expect(logger.entries.some((e) => (e.context as { eventType?: string }).eventType === 'SomethingElse')).toBe(false);
    // The GuardianAssigned came after the unknown event: the row carries the stream version it reflects.
    const row = await database.db.selectFrom('case_summaries').select(['version', 'current_protector_ref']).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 3, current_protector_ref: 'protector-41b2' });
  });
});
