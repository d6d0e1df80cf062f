import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { CASE_STREAM_PREFIX, EVENT_STORE, type EventStore, SqliteEventStore, type StoredEvent } from '@app/event-store';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { FixedClock, TEST_SECRET } from '../support/test-app';
import { runGenerateCli } from '../../apps/generator/src/generate.cli';
import { runVerifyCli } from '../../apps/api/src/audit/integrity/verify.cli';

const collect = (stream: PassThrough): (() => string) => {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
};

/** `npm run generate`, in-process, on the api's own settings (DATA_DIR), as the other CLIs are tested. */
describe('generate CLI', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'generate-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = async (
    cli: typeof runGenerateCli | typeof runVerifyCli,
    argv: string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> => {
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    const [out, err] = [collect(stdout), collect(stderr)];
    const code = await cli({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, argv, stdout, stderr });
    return { code, stdout: out(), stderr: err() };
  };
  const storedLog = async (): Promise<StoredEvent[]> => {
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      const events: StoredEvent[] = [];
      for await (const event of store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) events.push(event);
      return events;
    } finally {
      await store.close();
    }
  };

  it('generates into DATA_DIR through the bulk path and ends with one summary line; verify passes on it', async () => {
    const { code, stdout, stderr } = await run(runGenerateCli, ['--profile', 'rijnmond-year', '--seed', '4', '--limit', '60']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(
      /^generated 60 cases \(\d+ from the stock\), (\d+) events in \d+\.\d s \(\d+ events\/s, peak RSS \d+ MB\)\n$/,
    );
    const events = await storedLog();
    expect(String(events.length)).toBe(/, (\d+) events in/.exec(stdout)![1]);
    expect(new Set(events.map((e) => e.streamId)).size).toBe(60);

    const verified = await run(runVerifyCli, ['--all']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`verified 60 cases, ${events.length} events: every chain holds`);
  }, 120_000);

  it('refuses (exit 2) a store that already holds case events, unless --append; another seed then adds to it', async () => {
    expect((await run(runGenerateCli, ['--profile', 'rijnmond-year', '--seed', '4', '--limit', '5'])).code).toBe(0);
    const before = (await storedLog()).length;

    const refused = await run(runGenerateCli, ['--profile', 'rijnmond-year', '--seed', '5', '--limit', '5']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already holds case events; pass --append/);
    expect(await storedLog()).toHaveLength(before);

    const appended = await run(runGenerateCli, ['--profile', 'rijnmond-year', '--seed', '5', '--limit', '5', '--append']);
    expect(appended.code).toBe(0);
    const after = await storedLog();
    expect(new Set(after.map((e) => e.streamId)).size).toBe(10);
  }, 120_000);

  it('fails (exit 1) when appending the same seed again: its streams exist, and the store refuses the revisions', async () => {
    expect((await run(runGenerateCli, ['--profile', 'rijnmond-year', '--seed', '4', '--limit', '3'])).code).toBe(0);
    const again = await run(runGenerateCli, ['--profile', 'rijnmond-year', '--seed', '4', '--limit', '3', '--append']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^generate: failed: Stream case-[0-9a-f-]+: expected revision no_stream/);
  }, 120_000);

  it('--via api posts every step to a running service, with tokens minted for the protectors who record them', async () => {
    const apiDir = mkdtempSync(join(tmpdir(), 'generate-cli-api-'));
    const app = await createApp(
      loadConfig({ DATA_DIR: apiDir, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', PROJECTIONS_IN_PROCESS: 'false' }),
      new FixedClock(new Date('2026-01-15T10:00:00Z')),
    );
    try {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const argv = ['--profile', 'rijnmond-year', '--seed', '4', '--limit', '3', '--via', 'api', '--url', `http://127.0.0.1:${port}`];
      const { code, stdout, stderr } = await run(runGenerateCli, argv, { AUTH_JWT_SECRET: TEST_SECRET });
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const events = Number(/, (\d+) events in/.exec(stdout)![1]);
      const store = app.get<EventStore>(EVENT_STORE);
      const stored: StoredEvent[] = [];
      for await (const event of store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) stored.push(event);
      expect(stored).toHaveLength(events);
      expect(new Set(stored.map((e) => e.streamId)).size).toBe(3);
      expect(new Set(stored.map((e) => (e.metadata.actor as { role: string }).role))).toEqual(new Set(['protector']));
    } finally {
      await app.close();
      rmSync(apiDir, { recursive: true, force: true });
    }
  }, 120_000);

  it.each([
    [[], '--profile is required'],
    [['--profile', 'rotterdam-week', '--seed', '1'], '--profile must be one of rijnmond-year, rijnmond-decade, national-decade'],
    [['--profile', 'rijnmond-year'], '--seed is required'],
    [['--profile', 'rijnmond-year', '--seed', '1.5'], '--seed must be a whole number'],
    [['--profile', 'rijnmond-year', '--seed', '1', '--via', 'carrier-pigeon'], '--via must be api'],
    [['--profile', 'rijnmond-year', '--seed', '1', '--token', 'x'], '--token goes with --via api'],
    [['--profile', 'rijnmond-year', '--seed', '1', '--via', 'api', '--url', 'ftp://x'], '--url must be an http(s) URL'],
    [['--profile', 'rijnmond-year', '--seed', '1', '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('exits 2 on bad arguments %j, naming the mistake and the usage', async (argv, message) => {
    const { code, stdout, stderr } = await run(runGenerateCli, argv);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: npm run generate --');
  });

  it('exits 2 on bad settings, and prints the usage for --help', async () => {
    const settings = await run(runGenerateCli, ['--profile', 'rijnmond-year', '--seed', '1'], { EVENT_STORE: 'mongo' });
    expect(settings.code).toBe(2);
    expect(settings.stderr).toContain('EVENT_STORE=mongo');
    const help = await run(runGenerateCli, ['--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('usage: npm run generate --') });
  });
});
