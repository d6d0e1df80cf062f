import { randomUUID } from 'node:crypto';
import { TestApp, measureBody, startTestApp } from '../support/test-app';

/** GET /cases/{caseId}: the case as recorded now, judged against the norms as of a date. */
let t: TestApp;
let protector: string;
let caseId: string;

beforeAll(async () => {
  t = await startTestApp();
  protector = await t.token({ role: 'protector', institution: 'JBRR', sub: 'prot-jbrr-1' });
  const post = (path: string, body: object) => t.http.post(path).set('Authorization', `Bearer ${protector}`).send(body).expect(201);
  // Notified Thursday 2021-04-01: Easter Monday is skipped, so the protector deadline is Friday 2021-04-09.
  caseId = (await post('/cases', measureBody({ pronouncedOn: '2021-03-31', giNotifiedOn: '2021-04-01' }))).body.caseId;
  await post(`/cases/${caseId}/guardian-assignments`, { protectorRef: 'prot-jbrr-1', assignedOn: '2021-04-09', reason: 'INITIAL' });
  // A plan without the child or the parents is not a supported course (gedragen koers).
  await post(`/cases/${caseId}/plans`, { agreedOn: '2021-04-20', participants: ['LOCAL_TEAM', 'PROVIDER'] });
  await post(`/cases/${caseId}/help-starts`, { startedOn: '2021-05-03', helpType: 'E_AMBULANT', provider: 'prov-1', bridging: true });
});
afterAll(() => t.close());

const get = (path: string, token = protector) => t.http.get(path).set('Authorization', `Bearer ${token}`);

it('judges each norm as of the date asked', async () => {
  const res = await get(`/cases/${caseId}?asOf=2021-06-01`).expect(200);
  expect(res.body).toMatchObject({ caseId, version: 4, asOf: '2021-06-01', position: expect.stringMatching(/^\d+$/) });
  expect(res.headers.etag).toBe('"4"');
  expect(res.body.state).toMatchObject({ institution: 'JBRR', currentProtectorRef: 'prot-jbrr-1', ended: false });
  const { timeliness } = res.body;
  expect(timeliness.calendarPolicy).toBe('cao-jeugdzorg');
  expect(timeliness.protector).toMatchObject({ state: 'met', deadline: '2021-04-09', satisfiedOn: '2021-04-09' });
  expect(timeliness.fixedProtector).toMatchObject({ state: 'met', deadline: null });
  // 2021-03-31 + 42 days = 2021-05-12 has passed, and the only plan is not supported: not met.
  expect(timeliness.plan).toMatchObject({ state: 'notMet', deadline: '2021-05-12', satisfiedOn: null });
  expect(timeliness.plan.facts.reasons).toContain('NOT_SUPPORTED');
  // 2021-03-31 + 3 months, clamped to the end of June; bridging help is not appropriate help.
  expect(timeliness.help).toMatchObject({ state: 'pending', deadline: '2021-06-30', satisfiedOn: null });
});

it('says notMet once the deadline has passed, and pending before it', async () => {
  const later = await get(`/cases/${caseId}?asOf=2021-07-15`).expect(200);
  expect(later.body.timeliness.help.state).toBe('notMet');
  const beforePlanDeadline = await get(`/cases/${caseId}?asOf=2021-05-01`).expect(200);
  expect(beforePlanDeadline.body.timeliness.plan.state).toBe('pending');
  const early = await get(`/cases/${caseId}?asOf=2021-04-05`).expect(200);
  expect(early.body.timeliness.protector).toMatchObject({ state: 'pending', satisfiedOn: null });
});

it('defaults asOf to today', async () => {
  const res = await get(`/cases/${caseId}`).expect(200);
  expect(res.body.asOf).toBe('2021-09-01');
});

it('lets auditors and admins read, not analysts or other institutions', async () => {
  await get(`/cases/${caseId}`, await t.token({ role: 'auditor' })).expect(200);
  await get(`/cases/${caseId}`, await t.token({ role: 'admin' })).expect(200);
  await get(`/cases/${caseId}`, await t.token({ role: 'analyst' })).expect(403);
  await get(`/cases/${caseId}`, await t.token({ role: 'protector', institution: 'WSS' })).expect(403);
  await t.http.get(`/cases/${caseId}`).expect(401);
});

it('answers 404 for an unknown case and 400 for a bad asOf or an unknown parameter', async () => {
  expect((await get(`/cases/${randomUUID()}`).expect(404)).body.code).toBe('CASE.NOT_FOUND');
  expect((await get(`/cases/${caseId}?asOf=2021-02-30`).expect(400)).body.errors[0].field).toBe('asOf');
  expect((await get(`/cases/${caseId}?as_of=2021-06-01`).expect(400)).body.errors[0].field).toBe('as_of');
});
