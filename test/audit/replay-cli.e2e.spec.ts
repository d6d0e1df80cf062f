import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { AuditTestApp, RECORDED, SampleCase, recordSampleCase, startAuditApp } from './audit-test-app';

/**
 * `npm run replay` as an auditor runs it: a separate process on the same DATA_DIR the api wrote, started the
 * way the npm script starts it. Exit codes: 0 printed, 1 unknown case, 2 bad arguments.
 */
const execute = promisify(execFile);
const ROOT = join(__dirname, '../..');
const CLI = ['ts-node', '--transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/audit/replay.cli.ts'];

let t: AuditTestApp;
let sample: SampleCase;
let httpHistory: { timeliness: unknown; state: unknown };

beforeAll(async () => {
  t = await startAuditApp();
  sample = await recordSampleCase(t);
  t.clock.set('2021-09-01T10:00:00Z');
  const auditor = await t.token({ role: 'auditor' });
  httpHistory = (await t.http.get(`/cases/${sample.caseId}/history?asOf=2021-09-01`).set('Authorization', `Bearer ${auditor}`).expect(200)).body;
  await t.close(false); // the CLI reads the store the api wrote
}, 60_000);
afterAll(() => rmSync(t.dataDir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
async function replay(args: string[], dataDir = t.dataDir): Promise<Run> {
  try {
    const { stdout, stderr } = await execute('npx', [...CLI, ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
/** stderr without npm's own configuration warnings, which are not the CLI's. */
const messages = (run: Run) => run.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));

it('prints the timeline as a table, each step judged as of its own date', async () => {
  const run = await replay([sample.caseId.toUpperCase()]);
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  expect(lines[0]).toMatch(new RegExp(`^Case ${sample.caseId}: what had happened by \\d{4}-\\d{2}-\\d{2}, as recorded so far$`));
  const header = lines.findIndex((line) => line.startsWith('#'));
  expect(lines[header].split(/\s{2,}/)).toEqual(['#', 'position', 'recorded at', 'recorded by', 'event', 'on', 'judged at', 'protector', 'fixedProtector', 'plan', 'help']);
  const rows = lines.slice(header + 1, header + 7).map((line) => line.split(/\s{2,}/));
  expect(rows.map((row) => row[2])).toEqual(Object.values(RECORDED));
  expect(rows[0]).toEqual(['0', expect.stringMatching(/^\d+$/), RECORDED.imposed, 'prot-jbrr-1 (protector JBRR)', 'MeasureImposed', '2021-03-01', '2021-03-01', 'pending', 'pending', 'pending', 'pending']);
  // First recorded late, judged on its day: not met; the correction moves it to 03-08, on time.
  expect(rows[1].slice(4)).toEqual(['GuardianAssigned', '2021-03-11', '2021-03-11', 'notMet', 'met', 'pending', 'pending']);
  expect(rows[4].slice(4)).toEqual(['EntryCorrected (corrects #1 GuardianAssigned)', '2021-03-08', '2021-03-08', 'met', 'met', 'pending', 'pending']);
  expect(rows[5].slice(4, 7)).toEqual(['EntryRetracted (retracts #3 HelpStarted)', '2021-04-14', '2021-04-14']);
  expect(run.stdout).toMatch(/^ {2}protector\s+met\s+deadline 2021-03-09\s+satisfied on 2021-03-08$/m);
  expect(run.stdout).toMatch(/^ {2}help\s+notMet\s+deadline 2021-06-01\s+satisfied on -$/m);
}, 60_000);

it('prints json for machines, ending in exactly what the history endpoint answers', async () => {
  const run = await replay([sample.caseId, '--as-of', '2021-09-01', '--format', 'json']);
  expect(run.code).toBe(0);
  const replayed = JSON.parse(run.stdout);
  expect(replayed).toMatchObject({ caseId: sample.caseId, asOf: '2021-09-01', knownAt: null, evaluatedAt: 'asOf' });
  expect(replayed.steps.map((s: { eventId: string }) => s.eventId)).toEqual(Object.values(sample.eventIds));
  expect(replayed.steps.every((s: { evaluatedAsOf: string }) => s.evaluatedAsOf === '2021-09-01')).toBe(true);
  expect(replayed.steps[4]).toMatchObject({
    type: 'EntryCorrected',
    affects: { eventId: sample.eventIds.assigned, type: 'GuardianAssigned' },
    metadata: { actor: { sub: 'prot-jbrr-1' }, recordedAt: RECORDED.correction },
    businessDate: '2021-03-08',
  });
  // As of 2021-09-01 the help verdict turns from met to notMet when the help start is retracted.
  expect(replayed.steps.map((s: { norms: { help: { state: string } } }) => s.norms.help.state)).toEqual(['notMet', 'notMet', 'notMet', 'met', 'met', 'notMet']);
  expect({ timeliness: replayed.timeliness, state: replayed.state }).toEqual({ timeliness: httpHistory.timeliness, state: httpHistory.state });
}, 60_000);

it('replays the bitemporal window: as of a date, as known at a moment', async () => {
  const run = await replay([sample.caseId, '--as-of', '2021-03-15', '--known-at', RECORDED.help, '--format', 'json']);
  expect(run.code).toBe(0);
  const replayed = JSON.parse(run.stdout);
  expect(replayed.steps.map((s: { type: string }) => s.type)).toEqual(['MeasureImposed', 'GuardianAssigned']);
  expect(replayed.timeliness.protector).toMatchObject({ state: 'notMet', satisfiedOn: '2021-03-11' });
  const empty = await replay([sample.caseId, '--known-at', '2021-01-01T00:00:00Z']);
  expect(empty.stdout).toContain('(no events in this window)');
}, 60_000);

it('exits 1 with one line for an unknown case, and for a DATA_DIR without a store (creating nothing)', async () => {
  const emptyDir = mkdtempSync(join(tmpdir(), 'cases-replay-empty-'));
  try {
    const [unknown, noStore] = await Promise.all([replay([randomUUID()]), replay([sample.caseId], emptyDir)]);
    expect([unknown.code, noStore.code]).toEqual([1, 1]);
    expect(messages(unknown)).toEqual([expect.stringMatching(/^replay: case [0-9a-f-]{36} not found/)]);
    expect(messages(noStore)).toEqual([expect.stringMatching(/^replay: case .* no event store at /)]);
    expect(existsSync(join(emptyDir, 'events.sqlite'))).toBe(false);
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
  }
}, 60_000);

it.each([
  [[], /a case id is required/],
  [['not-a-uuid'], /case id must be a UUID/],
  [['CASE', '--as-of', '2021-02-30'], /--as-of must be a calendar date/],
  [['CASE', '--known-at', '2021-03-12'], /--known-at must be an ISO 8601 timestamp/],
  [['CASE', '--format', 'xml'], /--format must be text or json/],
  [['CASE', '--since', '2021-01-01'], /Unknown option '--since'/],
])('exits 2 with one line for bad arguments: %j', async (args, message) => {
  const run = await replay(args.map((arg) => (arg === 'CASE' ? sample.caseId : arg)));
  expect(run.code).toBe(2);
  expect(messages(run)).toEqual([expect.stringMatching(message)]);
  expect(run.stdout).toBe('');
}, 60_000);
