import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@app/event-store';
import { CaseProjection, createReadModelLock, openReadModelDatabase } from '@app/read-models';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { Runners } from './support/runners';
import { dumpReadModels, type TableDump } from './support/table-dump';

/** Whatever way the log reaches the read models - once, twice, in pieces, interrupted - the tables end equal. */
describeOnReadModelDatabases('replay', (databases) => {
  const runners = new Runners();
  let log: CaseLog;
  let straight: TableDump;

  beforeAll(async () => {
    log = new CaseLog();
    await generateCaseLog(log, { cases: 40, seed: 7 });
  });
  afterAll(() => log.close());
  afterEach(() => runners.stopAll());

  beforeEach(async () => {
    if (straight) return;
    const database = await databases.openFresh();
    await runners.runToEnd(log, database);
    straight = await dumpReadModels(database.db);
  });

  it('the generated log exercises every table (so that equal dumps mean something)', () => {
    expect(straight.case_summaries).toHaveLength(40);
    expect(straight.case_waitlist_entries.some((row) => row.retracted === '1')).toBe(true);
    expect(straight.case_waitlist_entries.some((row) => row.left_on !== null)).toBe(true);
    expect(straight.step_registrations.some((row) => row.retracted === '1')).toBe(true);
    expect(straight.case_summaries.some((row) => row.end_reason !== null)).toBe(true);
    expect(straight.projection_checkpoints).toEqual([{ projection: 'case-read-models', position: String(log.lastCasePosition) }]);
  });

  it('replaying the same log into another database gives identical tables', async () => {
    const again = await databases.openFresh();
    await runners.runToEnd(log, again);
    expect(await dumpReadModels(again.db)).toEqual(straight);
  });

  it('events applied one per transaction (batchSize 1) give the tables of the batched run, which used batches', async () => {
    const batched = new CaseProjection();
    const sizes: number[] = [];
    const applyBatch = batched.applyBatch.bind(batched);
    batched.applyBatch = async (trx, events) => {
      sizes.push(events.length);
      await applyBatch(trx, events);
    };
    const again = await databases.openFresh();
    await runners.runToEnd(log, again, { projections: [batched] });
    expect(await dumpReadModels(again.db)).toEqual(straight);
    expect(Math.max(...sizes)).toBeGreaterThan(1); // the log was there before the runner: catch-up in batches

    const oneByOne = await databases.openFresh();
    await runners.runToEnd(log, oneByOne, { batchSize: 1 });
    expect(await dumpReadModels(oneByOne.db)).toEqual(straight);
  });

  it('stopping half way and resuming with a new runner (a restart) gives the tables of a straight run', async () => {
    const database = await databases.openFresh();
    const half = log.lastCasePosition / 2n;
    // The projection itself asks for the stop, so the runner stops at the same event in every run.
    const stopper = new CaseProjection();
    const apply = stopper.apply.bind(stopper);
    stopper.apply = async (trx, event) => {
      await apply(trx, event);
      if (event.position >= half) void runner.stop();
    };
    // One event per transaction, so that the stop lands on the event that asked for it.
    const runner = runners.start(log, database, { projections: [stopper], batchSize: 1 });
    await runner.done;
    const halfWay = await runner.status();
    expect(halfWay).toMatchObject({ state: 'stopped', caughtUp: false });
    expect(halfWay.position).toBeGreaterThanOrEqual(half);
    expect(halfWay.position).toBeLessThan(half + 10n);

    await runners.runToEnd(log, database);
    expect(await dumpReadModels(database.db)).toEqual(straight);
  });

  it('a log fed in two halves, the runner restarted in between, gives the tables of a straight run', async () => {
    const partial = new CaseLog();
    try {
      const events: StoredEvent[] = [];
      for await (const event of log.store.readAll()) events.push(event);
      const half = Math.floor(events.length / 2);
      const copy = async (from: number, to: number) => {
        for (const e of events.slice(from, to)) {
          await partial.append(e.streamId, e.type, e.data, { eventId: e.eventId, recordedAt: e.metadata.recordedAt as string });
        }
      };
      const database = await databases.openFresh();
      await copy(0, half);
      await runners.runToEnd(partial, database);
      await copy(half, events.length);
      await runners.runToEnd(partial, database);
      expect(await dumpReadModels(database.db)).toEqual(straight);
    } finally {
      await partial.close();
    }
  });

  if (databases.dialect === 'postgres') {
    it('gives the same tables as SQLite does (one typed query layer, two dialects)', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'read-models-'));
      const sqlite = await openReadModelDatabase({ dataDir });
      try {
        await runners.runToEnd(log, sqlite);
        expect(await dumpReadModels(sqlite.db)).toEqual(straight);
      } finally {
        await sqlite.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }

  it('a database connection dying under the runner (a crash) loses nothing: a new process resumes to the same tables', async () => {
    const target = await databases.newTarget();
    const doomed = await target.open();
    // A short lease: a crashed SQLite holder cannot release it, the restarted runner waits for it to run out.
    const runner = runners.start(log, doomed, { lock: createReadModelLock(doomed, { leaseMs: 300 }) });
    await runner.waitForPosition(log.lastCasePosition / 3n, 10_000);
    await doomed.close();
    await expect(runner.done).rejects.toThrow();

    const restarted = await target.open();
    await runners.runToEnd(log, restarted);
    expect(await dumpReadModels(restarted.db)).toEqual(straight);
  });
});
