import { randomUUID } from 'node:crypto';
import { TestApp, measureBody, startTestApp } from '../support/test-app';

/** Rules and edge cases that cut across routes, over HTTP. */
let t: TestApp;
let protector: string;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  protector = await t.token({ role: 'protector', institution: 'JBRR', sub: 'prot-jbrr-1' });
  admin = await t.token({ role: 'admin', sub: 'adm-1' });
});
afterAll(() => t.close());

const post = (path: string, body: object, token = protector) => t.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
const openCase = async () => (await post('/cases', measureBody()).expect(201)).body.caseId as string;
const assign = (caseId: string) =>
  post(`/cases/${caseId}/guardian-assignments`, { protectorRef: 'prot-jbrr-1', assignedOn: '2021-03-04', reason: 'INITIAL' }).expect(201);

it('refuses every step after the measure ended (CASE.ENDED), but still takes corrections', async () => {
  const caseId = await openCase();
  const assignment = await assign(caseId);
  await post(`/cases/${caseId}/end`, { endedOn: '2021-06-01', reason: 'OTS_LIFTED_EARLY' }).expect(201);
  const refused = await post(`/cases/${caseId}/plans`, { agreedOn: '2021-05-01', participants: ['CHILD'] }).expect(422);
  expect(refused.body.code).toBe('CASE.ENDED');
  await post(`/cases/${caseId}/corrections`, {
    correctsEventId: assignment.body.eventId,
    reason: 'date typed wrong',
    data: { protectorRef: 'prot-jbrr-1', assignedOn: '2021-03-03', reason: 'INITIAL' },
  }).expect(201);
  expect(await t.streamOf(caseId)).toHaveLength(4);
});

it("refuses a correction of another case's event", async () => {
  const [mine, other] = [await openCase(), await openCase()];
  const foreign = await assign(other);
  const res = await post(`/cases/${mine}/retractions`, { retractsEventId: foreign.body.eventId, reason: 'x' }).expect(422);
  expect(res.body.code).toBe('CORRECTION.UNKNOWN_EVENT');
  expect(await t.streamOf(mine)).toHaveLength(1);
});

it('lets only an admin move a case to another institution by correcting the measure', async () => {
  const caseId = await openCase();
  const [imposed] = await t.streamOf(caseId);
  const correction = { correctsEventId: imposed.eventId, reason: 'wrong GI recorded', data: measureBody({ institution: 'LJR' }) };
  const refused = await post(`/cases/${caseId}/corrections`, correction).expect(403);
  expect(refused.body.errors[0].field).toBe('data.institution');
  await post(`/cases/${caseId}/corrections`, correction, admin).expect(201);
  await post(`/cases/${caseId}/explanations`, { norm: 'HELP', explainedOn: '2021-06-02', reason: 'x' }).expect(403);
});

it('treats a case id in upper case as the same case', async () => {
  const caseId = randomUUID();
  await post('/cases', measureBody({ caseId: caseId.toUpperCase() })).expect(201);
  const again = await post('/cases', measureBody({ caseId })).expect(409);
  expect(again.body.code).toBe('CASE.ALREADY_EXISTS');
  await post(`/cases/${caseId.toUpperCase()}/guardian-assignments`, { protectorRef: 'p-1', assignedOn: '2021-03-04', reason: 'INITIAL' }).expect(201);
  expect(await t.streamOf(caseId)).toHaveLength(2);
});

it('refuses null for an optional field rather than storing it', async () => {
  const caseId = await openCase();
  const res = await post(`/cases/${caseId}/guardian-assignments`, { protectorRef: 'p-1', team: null, assignedOn: '2021-03-04', reason: 'INITIAL' }).expect(400);
  expect(res.body.errors[0].field).toBe('team');
  const endsOn = await post('/cases', measureBody({ endsOn: null })).expect(400);
  expect(endsOn.body.errors[0].field).toBe('endsOn');
  expect(await t.streamOf(caseId)).toHaveLength(1);
});

it('carries the caller’s correlation id and the request id into the event metadata', async () => {
  const res = await post('/cases', measureBody()).set('X-Correlation-Id', 'court-batch-2021-03').set('X-Request-Id', 'req-42').expect(201);
  const [event] = await t.streamOf(res.body.caseId);
  expect(event.metadata).toMatchObject({ correlationId: 'court-batch-2021-03', causationId: 'req-42' });
});
