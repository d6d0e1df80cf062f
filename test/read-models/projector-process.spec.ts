import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { measureImposed } from '@app/domain/case/testing/case-fixtures';
import { SqliteEventStore } from '@app/event-store';
import { readCheckpoints } from '@app/read-models';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { eventually, Runners } from './support/runners';
import { dumpReadModels } from './support/table-dump';

const ROOT = join(__dirname, '..', '..');

interface Projector {
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** apps/projector/src/main.ts as a real process, the way `npm run projector` starts it. */
function startProjector(env: Record<string, string | undefined>): Projector {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/projector/src/main.ts'],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

/** Two projector processes started at once: the lock lets one apply; SIGTERM stops each cleanly. */
describeOnReadModelDatabases('apps/projector processes', (databases) => {
  const runners = new Runners();
  const started: Projector[] = [];
  afterEach(async () => {
    for (const projector of started.splice(0)) {
      if (projector.process.exitCode === null) projector.process.kill('SIGKILL');
      await projector.exited;
    }
    await runners.stopAll();
  });

  it('only one of two applies events, the other stands by and takes over after SIGTERM', async () => {
    const target = await databases.newTarget();
    const log = new CaseLog(new SqliteEventStore(join(target.options.dataDir, 'events.sqlite'), { pollIntervalMs: 50 }));
    try {
      await generateCaseLog(log, { cases: 10, seed: 3 });
      const env = { DATA_DIR: target.options.dataDir, READ_MODEL_DATABASE_URL: target.options.url ?? '' };
      started.push(startProjector(env), startProjector(env));
      const database = await target.open();
      const applied = async () =>
        (await readCheckpoints(database.db, ['case-read-models'])).get('case-read-models') === log.lastCasePosition;
      await eventually(applied, 20_000, 'the projector caught up');

      // Each process also runs the access-records runner under a lock of its own: look at the case lock's lines.
      const said = (p: Projector, message: string) =>
        p.output().split('\n').some((line) => line.includes('"lock":"read-models"') && line.includes(message));
      const holds = (p: Projector) => said(p, 'read-model lock acquired');
      const waits = (p: Projector) => said(p, 'standby: another process holds the read-model lock');
      // Log lines arrive through pipes, after the rows: wait for both to have said where they stand.
      await eventually(() => started.some(holds) && started.some(waits), 10_000, 'one holder, one standby');
      const [active, standby] = holds(started[0]) ? started : [started[1], started[0]];
      expect([holds(active), waits(active), holds(standby), waits(standby)]).toEqual([true, false, false, true]);

      active.process.kill('SIGTERM');
      expect(await active.exited).toBe(0);
      expect(active.output()).toContain('projector stopped');
      await eventually(() => holds(standby), 10_000, 'the standby took over');
      await log.record('late', measureImposed({ caseId: 'late' }));
      await eventually(applied, 10_000, 'the new holder applied the late event');

      standby.process.kill('SIGTERM');
      expect(await standby.exited).toBe(0);
      const clean = await databases.openFresh();
      await runners.runToEnd(log, clean);
      expect(await dumpReadModels(database.db)).toEqual(await dumpReadModels(clean.db));
    } finally {
      await log.close();
    }
  }, 60_000);
});
