import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import {
  CaseProjection,
  caseReadModelProjections,
  ProjectionApplyError,
  readCheckpoints,
  rebuildReadModels,
  type RebuildProgress,
} from '@app/read-models';
import { CaseLog } from './support/case-log';
import { CaseProjectionFailingOnRetractions } from './support/failing-on-worker-projection';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { Runners } from './support/runners';
import { dumpReadModels, type TableDump } from './support/table-dump';

/** A rebuild in stream order whose streams are read and folded on worker threads (stream-rows-workers.ts). */
describeOnReadModelDatabases('rebuild folding on worker threads', (databases) => {
  const runners = new Runners();
  let directory: string;
  let log: CaseLog;
  let caseEvents = 0;
  let incremental: TableDump;

  beforeAll(async () => {
    // Worker threads open the log's file themselves: an in-memory store cannot be shared.
    directory = mkdtempSync(join(tmpdir(), 'rebuild-workers-'));
    log = new CaseLog(new SqliteEventStore(join(directory, 'events.sqlite'), { synchronous: 'NORMAL', appendOn: 'inline', pollIntervalMs: 20 }));
    await generateCaseLog(log, { cases: 60, seed: 17 });
    for await (const _ of log.store.readAll({ streamPrefix: 'case-' })) caseEvents += 1;
  });
  afterAll(async () => {
    await log.close();
    rmSync(directory, { recursive: true, force: true });
  });
  afterEach(() => runners.stopAll());
  beforeEach(async () => {
    incremental ??= await runners.liveTables(log, databases);
  });

  it('gives the tables of the live runner, counting every event once and the unknown types', async () => {
    const database = await databases.openFresh();
    const progress: RebuildProgress[] = [];
    const result = await rebuildReadModels({
      store: log.store,
      database,
      projections: caseReadModelProjections(),
      workers: 2,
      batchSize: 40,
      onProgress: (p) => progress.push(p),
    });

    expect(result).toMatchObject({ order: 'stream', workers: 2, events: caseEvents });
    expect(Object.keys(result.unknownTypes)).toEqual(['CaseArchivedByAFutureVersion']);
    expect(progress.length).toBeGreaterThan(caseEvents / 60);
    expect(progress[progress.length - 1]).toEqual({ applied: caseEvents, total: caseEvents });
    expect(await dumpReadModels(database.db)).toEqual(incremental);
    // The checkpoint is where the read ended, so a runner continues from there with nothing to do.
    await runners.runToEnd(log, database);
    expect(await dumpReadModels(database.db)).toEqual(incremental);
  });

  it('fails with the projection and stream of a fold that failed on a worker, leaving the tables marked unfinished', async () => {
    const database = await databases.openFresh();
    const failing = new CaseProjectionFailingOnRetractions();
    const rebuilt = rebuildReadModels({ store: log.store, database, projections: [failing], workers: 2, batchSize: 40 });

    await expect(rebuilt).rejects.toBeInstanceOf(ProjectionApplyError);
    await expect(rebuilt).rejects.toThrow(/Projection case-read-models failed on a batch of \d+ events from \w+ at position \d+ \(stream case-.*\): the fold failed/);
    expect((await readCheckpoints(database.db, [failing.name])).get(failing.name)).toBeNull();
  });

  it('refuses workers where other threads cannot read the log, or would fold with other code', async () => {
    const inMemory = new CaseLog();
    try {
      await generateCaseLog(inMemory, { cases: 2, seed: 5 });
      await expect(
        rebuildReadModels({ store: inMemory.store, database: await databases.openFresh(), projections: caseReadModelProjections(), workers: 1 }),
      ).rejects.toThrow(/worker threads needs a log other threads can open/);
    } finally {
      await inMemory.close();
    }
    // A worker would construct the class its workerModule names: not this subclass, nor this patched instance.
    class Subclass extends CaseProjection {}
    const patched = new CaseProjection();
    patched.rowsOfStreams = (streams) => new CaseProjection().rowsOfStreams(streams);
    for (const projection of [new Subclass(), patched]) {
      await expect(rebuildReadModels({ store: log.store, database: await databases.openFresh(), projections: [projection], workers: 1 })).rejects.toThrow(
        /projections that name their workerModule/,
      );
    }
  });
});
