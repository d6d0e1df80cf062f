import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { StoredEvent } from '@app/event-store';
import type { Actor } from '../../apps/api/src/auth/actor';
import { type TestApp, TEST_NOW, startTestApp } from '../support/test-app';
import { CaseWriter, PROBLEM_JSON } from '../queries/support/case-writer';

/**
 * The access log (issue 4, point 4): every read of case-level data appends a CaseAccessed record to an audit
 * stream in the event store, before the data is served; refused reads log nothing; a read whose record cannot
 * be written is refused with 503. GET /audit/access queries the records.
 */
let t: TestApp;
let w: CaseWriter;
let jbrrCase: string;
let ljrCase: string;

type Role = Actor['role'];
type Institution = Actor['institution'];

beforeAll(async () => {
  t = await startTestApp();
  w = new CaseWriter(t);
  // Both active with deadlines to come on 2021-09-01: both are on the worklist (one item per pending norm).
  jbrrCase = await w.impose({ childRef: 'child-al-1', familyRef: 'fam-al-1', pronouncedOn: '2021-08-23', giNotifiedOn: '2021-08-24' });
  ljrCase = await w.impose({ childRef: 'child-al-2', familyRef: 'fam-al-2', institution: 'LJR', pronouncedOn: '2021-08-23', giNotifiedOn: '2021-08-24' });
});
afterAll(() => t.close());

async function accessEvents(): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of t.store.readAll({ streamPrefix: 'audit-' })) events.push(event);
  return events;
}

/** Runs `read` and returns the access events it appended. */
async function loggedBy(read: () => PromiseLike<unknown>): Promise<StoredEvent[]> {
  const before = (await accessEvents()).length;
  await read();
  return (await accessEvents()).slice(before);
}

type GetOptions = { sub?: string; institution?: Institution; reason?: string; headers?: Record<string, string> };
type Expectation = [status: number] | [header: string, value: RegExp];

/** A GET with a fresh token for the role; `.expect(status)` / `.expect(header, value)` chain as in supertest. */
interface PendingGet extends PromiseLike<Response> {
  expect(...expectation: Expectation): PendingGet;
}
function get(path: string, role: Role, opts: GetOptions = {}): PendingGet {
  const expectations: Expectation[] = [];
  const run = async (): Promise<Response> => {
    const token = await t.token({ role, sub: opts.sub, institution: opts.institution });
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...opts.headers };
    if (opts.reason !== undefined) headers['X-Access-Reason'] = opts.reason;
    let test = t.http.get(path).set(headers);
    for (const e of expectations) test = e.length === 1 ? test.expect(e[0]) : test.expect(e[0], e[1]);
    return test;
  };
  const pending: PendingGet = {
    expect: (...expectation) => {
      expectations.push(expectation);
      return pending;
    },
    then: (onFulfilled, onRejected) => run().then(onFulfilled, onRejected),
  };
  return pending;
}

describe('each case-level read appends exactly one access record', () => {
  it.each([
    ['', 'GET /cases/{caseId}'],
    ['/history', 'GET /cases/{caseId}/history'],
    ['/verify', 'GET /cases/{caseId}/verify'],
    ['/export', 'GET /cases/{caseId}/export'],
  ])('GET /cases/{caseId}%s', async (suffix, route) => {
    let status = 0;
    const appended = await loggedBy(async () => {
      const res = await get(`/cases/${jbrrCase}${suffix}`, 'auditor', {
        sub: 'inspector-7',
        reason: 'dossier test 2021',
        headers: { 'X-Request-Id': `req${suffix.replace('/', '-') || '-case'}` },
      });
      status = res.status;
    });
    expect(status).toBe(200);
    expect(appended).toHaveLength(1);
    const [event] = appended;
    expect(event.streamId).toBe('audit-access-2021-09');
    expect(event.type).toBe('CaseAccessed');
    expect(event.data).toEqual({
      sub: 'inspector-7',
      role: 'auditor',
      institution: null,
      caseId: jbrrCase,
      caseInstitution: 'JBRR',
      route,
      reason: 'dossier test 2021',
      accessedAt: TEST_NOW.toISOString(),
      requestId: `req${suffix.replace('/', '-') || '-case'}`,
      correlationId: `req${suffix.replace('/', '-') || '-case'}`,
    });
  });

  it('records a protector’s institution, no reason when none is sent, and the correlation id', async () => {
    const appended = await loggedBy(() =>
      get(`/cases/${jbrrCase}`, 'protector', { sub: 'prot-jbrr-3', institution: 'JBRR', headers: { 'X-Correlation-Id': 'corr-42' } }),
    );
    expect(appended.map((e) => e.data)).toEqual([
      expect.objectContaining({ sub: 'prot-jbrr-3', role: 'protector', institution: 'JBRR', caseId: jbrrCase, reason: null, correlationId: 'corr-42' }),
    ]);
  });

  it('case streams are untouched: the read adds nothing to the case', async () => {
    const before = (await t.streamOf(jbrrCase)).length;
    await get(`/cases/${jbrrCase}/history`, 'admin').expect(200);
    expect(await t.streamOf(jbrrCase)).toHaveLength(before);
  });
});

describe('the worklist', () => {
  it('logs one record per case listed on the page, in one append', async () => {
    const append = jest.spyOn(t.store, 'appendToStream');
    let items: { caseId: string }[] = [];
    const appended = await loggedBy(async () => {
      const res = await get(`/cases?minPosition=${w.lastPosition}`, 'admin', { sub: 'admin-wl' }).expect(200);
      items = res.body.items;
    });
    const auditAppends = append.mock.calls.filter(([stream]) => stream.startsWith('audit-')).length;
    append.mockRestore();
    expect(items.length).toBeGreaterThan(2); // several norms per case
    const listed = [...new Set(items.map((i) => i.caseId))].sort();
    expect(listed).toEqual([jbrrCase, ljrCase].sort());
    expect(appended.map((e) => (e.data as { caseId: string }).caseId).sort()).toEqual(listed);
    expect(appended.every((e) => (e.data as { route: string }).route === 'GET /cases')).toBe(true);
    expect(auditAppends).toBe(1);
  });

  it('logs only the cases on the page asked for, and nothing for an empty page', async () => {
    const first = await loggedBy(() => get(`/cases?pageSize=1&minPosition=${w.lastPosition}`, 'admin').expect(200));
    expect(first).toHaveLength(1);
    const empty = await loggedBy(() => get(`/cases?page=999&minPosition=${w.lastPosition}`, 'admin').expect(200));
    expect(empty).toEqual([]);
  });

  it('logs a protector’s worklist with their own institution’s cases only', async () => {
    const appended = await loggedBy(() => get(`/cases?minPosition=${w.lastPosition}`, 'protector', { institution: 'LJR', sub: 'prot-ljr-1' }).expect(200));
    expect(appended.map((e) => e.data)).toEqual([expect.objectContaining({ caseId: ljrCase, caseInstitution: 'LJR', institution: 'LJR' })]);
  });
});

describe('refused reads log nothing', () => {
  it.each([
    ['a protector of another institution', () => get(`/cases/${jbrrCase}`, 'protector', { institution: 'LJR' }), 403],
    ['a protector of another institution, history', () => get(`/cases/${jbrrCase}/history`, 'protector', { institution: 'LJR' }), 403],
    ['a protector of another institution, export', () => get(`/cases/${jbrrCase}/export`, 'protector', { institution: 'LJR' }), 403],
    ['an analyst', () => get(`/cases/${jbrrCase}`, 'analyst'), 403],
    ['a case that does not exist', () => get(`/cases/${randomUUID()}`, 'auditor'), 404],
    ['verify of a case that does not exist', () => get(`/cases/${randomUUID()}/verify`, 'auditor'), 404],
    ['another institution’s worklist', () => get('/cases?institution=JBRR', 'protector', { institution: 'LJR' }), 403],
  ])('%s', async (_who, read, status) => {
    const appended = await loggedBy(async () => expect((await read()).status).toBe(status));
    expect(appended).toEqual([]);
  });
});

describe('X-Access-Reason', () => {
  it.each([
    ['too long', 'x'.repeat(501)],
    ['not printable', 'tab\there'],
    ['empty', '   '],
  ])('is refused with 400 naming the header when %s, and nothing is logged', async (_why, reason) => {
    let body: { errors?: { field: string }[] } = {};
    const appended = await loggedBy(async () => {
      const res = await get(`/cases/${jbrrCase}`, 'auditor', { reason }).expect(400).expect('Content-Type', PROBLEM_JSON);
      body = res.body;
    });
    expect(body.errors?.[0].field).toBe('X-Access-Reason');
    expect(appended).toEqual([]);
  });

  it('is refused with 422 when it holds a BSN, without repeating it', async () => {
    const appended = await loggedBy(async () => {
      const res = await get(`/cases/${jbrrCase}/history`, 'auditor', { reason: 'about child 111222333' }).expect(422);
      expect(res.body).toMatchObject({ code: 'PRIVACY.BSN_IN_TEXT', errors: [{ field: 'X-Access-Reason' }] });
      expect(JSON.stringify(res.body)).not.toContain('111222333');
    });
    expect(appended).toEqual([]);
  });

  it('takes 500 printable characters', async () => {
    const appended = await loggedBy(() => get(`/cases/${jbrrCase}`, 'auditor', { reason: 'r'.repeat(500) }).expect(200));
    expect((appended[0].data as { reason: string }).reason).toHaveLength(500);
  });
});

describe('when the audit stream cannot be written', () => {
  it.each(['', '/history', '/verify', '/export'])('GET /cases/{caseId}%s answers 503 and serves nothing', async (suffix) => {
    const original = t.store.appendToStream.bind(t.store);
    const spy = jest.spyOn(t.store, 'appendToStream').mockImplementation((streamId, events, expected) =>
      streamId.startsWith('audit-') ? Promise.reject(new Error('audit store refuses')) : original(streamId, events, expected),
    );
    try {
      const before = (await accessEvents()).length;
      const res = await get(`/cases/${jbrrCase}${suffix}`, 'auditor').expect(503).expect('Content-Type', PROBLEM_JSON);
      expect(res.body.type).toMatch(/service-unavailable$/);
      expect(res.body).not.toHaveProperty('state');
      expect(res.body).not.toHaveProperty('events');
      expect(JSON.stringify(res.body)).not.toContain('child-al-1');
      expect(res.headers.etag ?? '').not.toMatch(/^"\d+"$/); // no case version either
      expect(await accessEvents()).toHaveLength(before);
    } finally {
      spy.mockRestore();
    }
  });

  it('the worklist answers 503 and lists nothing', async () => {
    const spy = jest.spyOn(t.store, 'appendToStream').mockRejectedValue(new Error('audit store refuses'));
    try {
      const res = await get(`/cases?minPosition=${w.lastPosition}`, 'admin').expect(503);
      expect(res.body).not.toHaveProperty('items');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('GET /audit/access', () => {
  let seenByAuditor: string;
  let seenByProtector: string;

  beforeAll(async () => {
    seenByAuditor = `auditor-q-${randomUUID().slice(0, 8)}`;
    seenByProtector = `prot-q-${randomUUID().slice(0, 8)}`;
    await get(`/cases/${jbrrCase}`, 'auditor', { sub: seenByAuditor, reason: 'q1' }).expect(200);
    await get(`/cases/${ljrCase}/history`, 'auditor', { sub: seenByAuditor, reason: 'q2' }).expect(200);
    await get(`/cases/${ljrCase}`, 'protector', { sub: seenByProtector, institution: 'LJR' }).expect(200);
  });

  const query = (qs: string, role: Role, institution?: Institution) => get(`/audit/access${qs}`, role, { institution });

  it('filters by sub, newest first, with the whole record', async () => {
    const { body } = await query(`?sub=${seenByAuditor}`, 'auditor').expect(200);
    expect(body).toMatchObject({ page: 1, pageSize: 50, total: 2 });
    expect(body.items.map((i: { caseId: string }) => i.caseId)).toEqual([ljrCase, jbrrCase]);
    expect(body.items[0]).toEqual({
      position: expect.stringMatching(/^\d+$/),
      eventId: expect.any(String),
      sub: seenByAuditor,
      role: 'auditor',
      institution: null,
      caseId: ljrCase,
      caseInstitution: 'LJR',
      route: 'GET /cases/{caseId}/history',
      reason: 'q2',
      accessedAt: TEST_NOW.toISOString(),
      requestId: expect.any(String),
      correlationId: expect.any(String),
    });
  });

  it('filters by caseId and sub together, and paginates', async () => {
    const { body } = await query(`?caseId=${ljrCase.toUpperCase()}&sub=${seenByAuditor}`, 'admin').expect(200);
    expect(body.items.map((i: { reason: string }) => i.reason)).toEqual(['q2']);
    const all = (await query(`?caseId=${ljrCase}`, 'admin').expect(200)).body;
    expect(all.items.every((i: { caseId: string }) => i.caseId === ljrCase)).toBe(true);
    const page2 = (await query(`?caseId=${ljrCase}&pageSize=1&page=2`, 'admin').expect(200)).body;
    expect(page2).toMatchObject({ page: 2, pageSize: 1, total: all.total });
    expect(page2.items).toEqual([all.items[1]]);
  });

  it('filters by from and to (inclusive instants)', async () => {
    const at = TEST_NOW.toISOString();
    expect((await query(`?sub=${seenByAuditor}&from=${at}&to=${at}`, 'auditor').expect(200)).body.total).toBe(2);
    expect((await query(`?sub=${seenByAuditor}&from=2021-09-01T10:00:01Z`, 'auditor').expect(200)).body.total).toBe(0);
    expect((await query(`?sub=${seenByAuditor}&to=2021-09-01T09:59:59Z`, 'auditor').expect(200)).body.total).toBe(0);
  });

  it('shows a protector only the reads of their own institution’s cases, by whomever', async () => {
    const { body } = await query('', 'protector', 'LJR').expect(200);
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((i: { caseInstitution: string }) => i.caseInstitution === 'LJR')).toBe(true);
    expect(body.items.map((i: { sub: string }) => i.sub)).toEqual(expect.arrayContaining([seenByAuditor, seenByProtector]));
    const jbrr = (await query(`?caseId=${jbrrCase}`, 'protector', 'LJR').expect(200)).body;
    expect(jbrr).toMatchObject({ total: 0, items: [] });
  });

  it('refuses analysts (403), callers without a token (401) and bad filters (400)', async () => {
    await query('', 'analyst').expect(403);
    await t.http.get('/audit/access').expect(401);
    for (const bad of ['?caseId=nope', '?from=yesterday', '?to=2021-09-01', '?page=0', '?sub=a%20b']) {
      await query(bad, 'auditor').expect(400);
    }
  });

  it('is not itself logged', async () => {
    expect(await loggedBy(() => query('', 'auditor').expect(200))).toEqual([]);
  });
});
