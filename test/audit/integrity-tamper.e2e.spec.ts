import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { measureBody } from '../support/test-app';
import { AuditTestApp, SampleCase, recordSampleCase, startAuditApp } from './audit-test-app';

/**
 * Tamper evidence end to end: a case logged through the api verifies over HTTP and with `npm run verify` (from the
 * store and offline from an export); then one stored event is changed in the SQLite file behind the service's
 * back, and both name exactly that event. The CLI runs as a separate process, started the way the npm script
 * starts it. Exit codes: 0 every chain holds, 1 broken, 2 bad arguments or not an export.
 */
const execute = promisify(execFile);
const ROOT = join(__dirname, '../..');
const CLI = ['ts-node', '--transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/audit/integrity/verify.cli.ts'];

let t: AuditTestApp;
let sample: SampleCase;
let otherCaseId: string;
let auditor: string;
let files: string;
let exportFile: string;

beforeAll(async () => {
  t = await startAuditApp();
  sample = await recordSampleCase(t);
  const protector = await t.token({ role: 'protector', institution: 'LJR' });
  otherCaseId = (await t.http.post('/cases').set('Authorization', `Bearer ${protector}`).send(measureBody({ institution: 'LJR' })).expect(201)).body.caseId;
  t.clock.set('2021-09-01T10:00:00Z');
  auditor = await t.token({ role: 'auditor', sub: 'inspector-1' });
  files = mkdtempSync(join(tmpdir(), 'cases-export-'));
  exportFile = join(files, 'export.json');
  writeFileSync(exportFile, JSON.stringify((await get('export').expect(200)).body, null, 2));
}, 60_000);
afterAll(async () => {
  await t.close();
  rmSync(files, { recursive: true, force: true });
});

const get = (route: 'verify' | 'export', caseId = sample.caseId) => t.http.get(`/cases/${caseId}/${route}`).set('Authorization', `Bearer ${auditor}`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
async function verify(args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await execute('npx', [...CLI, ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));
/** A copy of the export, edited. */
function editedExport(name: string, edit: (doc: { events: { data: Record<string, unknown> }[] }) => void): string {
  const doc = JSON.parse(readFileSync(exportFile, 'utf8'));
  edit(doc);
  const file = join(files, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('before anything is touched', () => {
  it('the CLI verifies the case, every case, and the export offline', async () => {
    const head = (await get('verify').expect(200)).body.head;
    const [one, all, offline] = await Promise.all([verify([sample.caseId.toUpperCase()]), verify(['--all']), verify(['--file', exportFile])]);
    expect([one.code, all.code, offline.code]).toEqual([0, 0, 0]);
    expect(lines(one.stdout)).toEqual([`case ${sample.caseId}: ok, 6 events, head ${head}`]);
    expect(lines(all.stdout)).toEqual([`case ${sample.caseId}: ok, 6 events, head ${head}`, expect.stringMatching(`^case ${otherCaseId}: ok, 1 event, head `), 'verified 2 cases, 7 events: every chain holds']);
    expect(lines(offline.stdout)).toEqual([`${exportFile}: case ${sample.caseId} as exported at 2021-09-01T10:00:00.000Z: ok, 6 events, head ${head}`]);
  }, 60_000);
});

describe('an edited export fails offline', () => {
  it('at the event whose data was changed, at the event after a removed one, and at the end when cut short', async () => {
    const assigned = `event ${sample.eventIds.assigned}`;
    writeFileSync(join(files, 'broken.json'), '{"caseId": ');
    const [changed, removed, truncated, notJson] = await Promise.all([
      verify(['--file', editedExport('changed.json', (doc) => (doc.events[1].data.assignedOn = '2021-03-09'))]),
      verify(['--file', editedExport('removed.json', (doc) => doc.events.splice(2, 1))]),
      verify(['--file', editedExport('truncated.json', (doc) => doc.events.pop())]),
      verify(['--file', join(files, 'broken.json')]),
    ]);
    expect([changed.code, removed.code, truncated.code, notJson.code]).toEqual([1, 1, 1, 2]);
    expect(lines(changed.stdout)).toEqual([expect.stringContaining(`BROKEN at revision 1 (${assigned}, position `)]);
    expect(changed.stdout).toContain('HASH_MISMATCH');
    expect(lines(removed.stdout)).toEqual([expect.stringMatching(`BROKEN at revision 3 \\(event ${sample.eventIds.help}, .*PREVIOUS_MISMATCH`)]);
    expect(lines(truncated.stdout)).toEqual([expect.stringContaining('BROKEN at the end')]);
    expect(lines(notJson.stderr)).toEqual([expect.stringMatching(/^verify: cannot read .*broken\.json as JSON/)]);
  }, 60_000);
});

describe('an event changed in the SQLite file', () => {
  beforeAll(() => {
    // Behind the service's back: one UPDATE moves the assignment two days later, nothing else is touched.
    const db = new Database(join(t.dataDir, 'events.sqlite'));
    try {
      const changed = db.prepare("UPDATE events SET data = json_set(data, '$.assignedOn', '2021-03-13') WHERE event_id = ?").run(sample.eventIds.assigned);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
  });

  it('breaks GET /verify at exactly that event', async () => {
    const { body } = await get('verify').expect(200);
    expect(body).toEqual({
      caseId: sample.caseId,
      ok: false,
      events: 6,
      firstBroken: { eventId: sample.eventIds.assigned, revision: 1, position: expect.stringMatching(/^\d+$/), reason: 'HASH_MISMATCH' },
      head: null,
    });
    expect((await get('verify', otherCaseId).expect(200)).body.ok).toBe(true);
  });

  it('is exported marked broken, and the offline check finds the same event', async () => {
    const { body } = await get('export').expect(200);
    expect(body.events[1].data.assignedOn).toBe('2021-03-13');
    expect(body.chain).toEqual({ ok: false, head: null, firstBroken: (await get('verify')).body.firstBroken });
    const file = join(files, 'after-tampering.json');
    writeFileSync(file, JSON.stringify(body));
    const run = await verify(['--file', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`BROKEN at revision 1 (event ${sample.eventIds.assigned}, position ${body.chain.firstBroken.position}): HASH_MISMATCH`);
  }, 60_000);

  it('makes the CLI exit 1 naming that event, for the case and under --all', async () => {
    const { firstBroken } = (await get('verify')).body;
    const [one, all] = await Promise.all([verify([sample.caseId]), verify(['--all'])]);
    expect([one.code, all.code]).toEqual([1, 1]);
    const finding = `case ${sample.caseId}: BROKEN at revision 1 (event ${sample.eventIds.assigned}, position ${firstBroken.position}): HASH_MISMATCH, the event was changed after it was appended; 6 events in the stream`;
    expect(lines(one.stdout)).toEqual([finding]);
    expect(lines(all.stdout)).toEqual([finding, expect.stringMatching(`^case ${otherCaseId}: ok`), 'verified 2 cases, 7 events: 1 BROKEN']);
  }, 60_000);
});

it.each([
  [[], /say what to verify/],
  [['not-a-uuid'], /case id must be a UUID/],
  [['--all', '--file', 'x.json'], /exclude each other/],
  [['--since', '2021-01-01'], /Unknown option '--since'/],
  [['--access-log', '2021-13'], /--access-log needs a month as YYYY-MM or all/],
  [['--all', '--access-log', 'all'], /exclude each other/],
])('the CLI exits 2 with one line for bad arguments: %j', async (args, message) => {
  const run = await verify(args);
  expect(run.code).toBe(2);
  expect(lines(run.stderr)).toEqual([expect.stringMatching(message)]);
  expect(run.stdout).toBe('');
}, 60_000);

describe('the access log’s chain', () => {
  const verifyMonth = () => t.http.get('/audit/access/verify?month=2021-09').set('Authorization', `Bearer ${auditor}`);

  it('holds over HTTP and on the command line while nobody has touched it', async () => {
    const { body } = await verifyMonth().expect(200);
    expect(body).toMatchObject({ month: '2021-09', streamId: 'audit-access-2021-09', ok: true, firstBroken: null });
    expect(body.events).toBeGreaterThanOrEqual(2); // the verify and export reads above, at least
    const run = await verify(['--access-log', '2021-09']);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([`access log 2021-09: ok, ${body.events} events, head ${body.head}`]);
  }, 60_000);

  it('names the record changed in the file, over HTTP and with --access-log all', async () => {
    const db = new Database(join(t.dataDir, 'events.sqlite'));
    try {
      const changed = db.prepare("UPDATE events SET data = json_set(data, '$.sub', 'someone-else') WHERE stream_id = 'audit-access-2021-09' AND revision = 0").run();
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    const { body } = await verifyMonth().expect(200);
    expect(body).toMatchObject({ ok: false, head: null, firstBroken: { revision: 0, reason: 'HASH_MISMATCH' } });
    const run = await verify(['--access-log', 'all']);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toContainEqual(expect.stringMatching(/^access log 2021-09: BROKEN at revision 0 .*HASH_MISMATCH/));
  }, 60_000);
});
