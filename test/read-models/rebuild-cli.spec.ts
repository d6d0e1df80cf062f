import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { SqliteEventStore } from '@app/event-store';
import { createReadModelLock } from '@app/read-models';
import { runRebuildCli } from '../../apps/projector/src/rebuild.cli';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases, type ReadModelTarget } from './support/read-model-databases';
import { Runners } from './support/runners';
import { dumpReadModels } from './support/table-dump';

const collect = (stream: PassThrough): (() => string) => {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
};

/** `npm run projections:rebuild`, run in-process on the api's settings: DATA_DIR's log into the configured database. */
describeOnReadModelDatabases('projections:rebuild CLI', (databases) => {
  const runners = new Runners();
  let target: ReadModelTarget;
  let log: CaseLog;

  beforeEach(async () => {
    target = await databases.newTarget();
    log = new CaseLog(new SqliteEventStore(join(target.options.dataDir, 'events.sqlite')));
    await generateCaseLog(log, { cases: 10, seed: 5 });
  });
  afterEach(async () => {
    await runners.stopAll();
    await log.close();
  });

  const cli = async (argv: string[] = [], env: Record<string, string> = {}) => {
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    const [out, err] = [collect(stdout), collect(stderr)];
    const code = await runRebuildCli({
      env: { DATA_DIR: target.options.dataDir, READ_MODEL_DATABASE_URL: target.options.url, LOG_LEVEL: 'silent', ...env },
      argv,
      stdout,
      stderr,
    });
    return { code, stdout: out(), stderr: err() };
  };

  it('rebuilds the configured database from the configured log and ends with one summary line on stdout', async () => {
    const { code, stdout, stderr } = await cli();
    expect({ code, stderr }).toMatchObject({ code: 0, stderr: expect.stringContaining('rebuilding the read models in') });
    expect(stdout).toMatch(/^rebuilt \d+ events in \d+\.\d s \(\d+ events\/s\)\n$/);

    const clean = await databases.openFresh();
    await runners.runToEnd(log, clean);
    const rebuilt = await target.open();
    expect(await dumpReadModels(rebuilt.db)).toEqual(await dumpReadModels(clean.db));
  });

  it('folds on the worker threads asked for, to the same tables', async () => {
    const { code, stderr } = await cli(['--workers', '1', '--batch-size', '30']);
    expect({ code, stderr }).toMatchObject({ code: 0, stderr: expect.stringContaining('read in stream order, folded on 1 worker threads;') });

    const clean = await databases.openFresh();
    await runners.runToEnd(log, clean);
    expect(await dumpReadModels((await target.open()).db)).toEqual(await dumpReadModels(clean.db));
  });

  it('exits 1 with a reason when another process holds the lock, 2 on bad settings', async () => {
    const lock = createReadModelLock(await target.open());
    expect(await lock.tryAcquire()).toBe(true);
    try {
      const held = await cli(['--lock-timeout', '0']);
      expect(held).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/holds the read-model lock/) });
    } finally {
      await lock.release();
    }
    const bad = await cli([], { READ_MODEL_DATABASE_URL: 'mysql://somewhere/db' });
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/READ_MODEL_DATABASE_URL: must use postgres/) });
    expect((await cli(['--lock-timeout', 'soon'])).code).toBe(2);
    expect(await cli(['--workers', '1.5'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--workers: threads, 0 to 64/) });
  });
});
