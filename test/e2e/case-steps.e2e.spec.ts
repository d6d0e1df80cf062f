import { randomUUID } from 'node:crypto';
import { TestApp, measureBody, startTestApp } from '../support/test-app';

/**
 * Every write route against every kind of answer it can give: success, validation error, 401, 403, 404, 409,
 * 422 and an idempotent retry. Each refusal is also checked to have appended nothing.
 */
let t: TestApp;
let protector: string;
let otherProtector: string;
let auditor: string;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  protector = await t.token({ role: 'protector', institution: 'JBRR', sub: 'prot-jbrr-1' });
  otherProtector = await t.token({ role: 'protector', institution: 'LJR', sub: 'prot-ljr-1' });
  auditor = await t.token({ role: 'auditor', sub: 'aud-1' });
  admin = await t.token({ role: 'admin', sub: 'adm-1' });
});
afterAll(() => t.close());

interface CaseFixture {
  caseId: string;
  assignmentEventId: string;
  entryId: string;
}

/** A JBRR case with an initial assignment and an open waitlist entry: every route has something to act on. */
async function openCase(): Promise<CaseFixture> {
  const opened = await t.http.post('/cases').set('Authorization', `Bearer ${protector}`).send(measureBody()).expect(201);
  const caseId = opened.body.caseId;
  const assigned = await post(`/cases/${caseId}/guardian-assignments`, {
    protectorRef: 'prot-jbrr-1',
    assignedOn: '2021-03-04',
    reason: 'INITIAL',
  }).expect(201);
  const waiting = await post(`/cases/${caseId}/waitlist-entries`, {
    waitingFor: 'HELP',
    since: '2021-03-10',
    helpType: 'A_PLEEGZORG',
    reason: 'CAPACITY',
  }).expect(201);
  return { caseId, assignmentEventId: assigned.body.eventId, entryId: waiting.body.entryId };
}

function post(path: string, body: unknown, token = protector) {
  return t.http.post(path).set('Authorization', `Bearer ${token}`).send(body as object);
}

interface RouteCase {
  route: string;
  valid: (f: CaseFixture) => object;
  invalid: { body: (f: CaseFixture) => object; field: string };
  rule: { body: (f: CaseFixture) => object; code: string };
}

const ROUTES: RouteCase[] = [
  {
    route: 'guardian-assignments',
    valid: () => ({ protectorRef: 'prot-jbrr-2', team: 'area team north', assignedOn: '2021-05-01', reason: 'PLANNED_HANDOVER' }),
    invalid: { body: () => ({ protectorRef: 'prot-jbrr-2', assignedOn: '2021-02-30', reason: 'TURNOVER' }), field: 'assignedOn' },
    rule: { body: () => ({ protectorRef: 'prot-jbrr-2', assignedOn: '2021-05-01', reason: 'INITIAL' }), code: 'ASSIGNMENT.INITIAL_ALREADY_MADE' },
  },
  {
    route: 'plans',
    valid: () => ({ agreedOn: '2021-04-01', participants: ['CHILD', 'PARENTS', 'LOCAL_TEAM'], goals: ['school attendance'] }),
    invalid: { body: () => ({ agreedOn: '2021-04-01', participants: [] }), field: 'participants' },
    rule: { body: () => ({ agreedOn: '2021-02-01', participants: ['PARENTS'] }), code: 'STEP.BEFORE_PRONOUNCEMENT' },
  },
  {
    route: 'help-starts',
    valid: () => ({ startedOn: '2021-05-01', helpType: 'E_AMBULANT', provider: 'prov-12' }),
    invalid: { body: () => ({ startedOn: '2021-05-01', helpType: 'MAGIC', provider: 'prov-12' }), field: 'helpType' },
    rule: { body: () => ({ startedOn: '2021-12-01', helpType: 'E_AMBULANT', provider: 'prov-12' }), code: 'STEP.DATE_IN_FUTURE' },
  },
  {
    route: 'waitlist-entries',
    valid: () => ({ waitingFor: 'HELP', since: '2021-04-01', helpType: 'B_OPNAME', provider: 'prov-3', reason: 'AFTER_INTAKE' }),
    invalid: { body: () => ({ waitingFor: 'NOBODY', since: '2021-04-01' }), field: 'waitingFor' },
    rule: { body: () => ({ waitingFor: 'HELP', since: '2021-10-01' }), code: 'STEP.DATE_IN_FUTURE' },
  },
  {
    route: 'waitlist-exits',
    valid: (f) => ({ entryId: f.entryId, leftOn: '2021-04-10', outcome: 'HELP_STARTED' }),
    invalid: { body: (f) => ({ entryId: 'not-a-uuid', leftOn: '2021-04-10', outcome: 'HELP_STARTED', extra: f.caseId }), field: 'entryId' },
    rule: { body: () => ({ entryId: randomUUID(), leftOn: '2021-04-10', outcome: 'CANCELLED' }), code: 'WAITLIST.UNKNOWN_ENTRY' },
  },
  {
    route: 'explanations',
    valid: () => ({ norm: 'HELP', explainedOn: '2021-06-02', reason: 'no foster family available in the region' }),
    invalid: { body: () => ({ norm: 'FIXED', explainedOn: '2021-06-02', reason: 'x' }), field: 'norm' },
    rule: { body: () => ({ norm: 'PLAN', explainedOn: '2021-02-27', reason: 'x' }), code: 'STEP.BEFORE_PRONOUNCEMENT' },
  },
  {
    route: 'deadlines',
    valid: () => ({ norm: 'PLAN', deadline: '2021-03-20', reason: 'safety of the child requires a course sooner' }),
    invalid: { body: () => ({ norm: 'PLAN', deadline: '20-03-2021', reason: 'x' }), field: 'deadline' },
    rule: { body: () => ({ norm: 'PLAN', deadline: '2021-05-01', reason: 'x' }), code: 'DEADLINE.NOT_EARLIER' },
  },
  {
    route: 'extensions',
    valid: () => ({ extendedOn: '2021-08-01', newEndsOn: '2022-09-01', reason: 'HELP_NOT_STARTED' }),
    invalid: { body: () => ({ extendedOn: '2021-08-01', newEndsOn: '2022-09-01', reason: 'BORED' }), field: 'reason' },
    rule: { body: () => ({ extendedOn: '2021-02-01', newEndsOn: '2022-09-01', reason: 'OTHER' }), code: 'STEP.BEFORE_PRONOUNCEMENT' },
  },
  {
    route: 'end',
    valid: () => ({ endedOn: '2021-08-15', reason: 'OTS_LIFTED_EARLY' }),
    invalid: { body: () => ({ endedOn: 20210815, reason: 'OTS_LIFTED_EARLY' }), field: 'endedOn' },
    rule: { body: () => ({ endedOn: '2021-11-15', reason: 'OTS_LIFTED_EARLY' }), code: 'STEP.DATE_IN_FUTURE' },
  },
  {
    route: 'corrections',
    valid: (f) => ({
      correctsEventId: f.assignmentEventId,
      reason: 'assignment date was typed wrong',
      data: { protectorRef: 'prot-jbrr-1', assignedOn: '2021-03-05', reason: 'INITIAL' },
    }),
    invalid: {
      body: (f) => ({ correctsEventId: f.assignmentEventId, reason: 'x', data: { protectorRef: 'prot-jbrr-1', assignedOn: 'soon', reason: 'INITIAL' } }),
      field: 'data.assignedOn',
    },
    rule: {
      body: () => ({ correctsEventId: randomUUID(), reason: 'x', data: { protectorRef: 'p', assignedOn: '2021-03-05', reason: 'INITIAL' } }),
      code: 'CORRECTION.UNKNOWN_EVENT',
    },
  },
  {
    route: 'retractions',
    valid: (f) => ({ retractsEventId: f.assignmentEventId, reason: 'recorded on the wrong case' }),
    invalid: { body: () => ({ retractsEventId: randomUUID() }), field: 'reason' },
    rule: { body: () => ({ retractsEventId: randomUUID(), reason: 'x' }), code: 'CORRECTION.UNKNOWN_EVENT' },
  },
];

describe.each(ROUTES)('POST /cases/{caseId}/$route', ({ route, valid, invalid, rule }) => {
  let f: CaseFixture;
  beforeEach(async () => {
    f = await openCase();
  });

  const expectNothingAppended = async () => expect(await t.streamOf(f.caseId)).toHaveLength(3);

  it('records the step: 201 {caseId, eventId, version} with the version as ETag', async () => {
    const res = await post(`/cases/${f.caseId}/${route}`, valid(f)).set('If-Match', '"3"').expect(201);
    expect(res.body).toMatchObject({ caseId: f.caseId, version: 4 });
    expect(res.body.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.etag).toBe('"4"');
    const stream = await t.streamOf(f.caseId);
    expect(stream).toHaveLength(4);
    expect(stream[3].eventId).toBe(res.body.eventId);
    expect(stream[3].metadata).toMatchObject({
      eventId: res.body.eventId,
      schemaVersion: 1,
      recordedAt: '2021-09-01T10:00:00.000Z',
      actor: { sub: 'prot-jbrr-1', role: 'protector', institution: 'JBRR' },
    });
    expect(typeof stream[3].metadata.correlationId).toBe('string');
    expect(typeof stream[3].metadata.causationId).toBe('string');
  });

  it('refuses an invalid body with 400 problem+json naming the field', async () => {
    const res = await post(`/cases/${f.caseId}/${route}`, invalid.body(f)).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toMatch(/validation-error$/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(invalid.field);
    await expectNothingAppended();
  });

  it('refuses an unknown property with 400', async () => {
    const res = await post(`/cases/${f.caseId}/${route}`, { ...valid(f), childName: 'not allowed here' }).expect(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'childName', rule: 'unknownProperty' }));
    await expectNothingAppended();
  });

  it('answers 401 without a token', async () => {
    const res = await t.http.post(`/cases/${f.caseId}/${route}`).send(valid(f)).expect(401);
    expect(res.body.type).toMatch(/unauthorized$/);
    await expectNothingAppended();
  });

  it('answers 403 to a protector of another institution and to an auditor', async () => {
    await post(`/cases/${f.caseId}/${route}`, valid(f), otherProtector).expect(403);
    const res = await post(`/cases/${f.caseId}/${route}`, valid(f), auditor).expect(403);
    expect(res.body.type).toMatch(/forbidden$/);
    await expectNothingAppended();
  });

  it('answers 404 for a case that does not exist', async () => {
    const res = await post(`/cases/${randomUUID()}/${route}`, valid(f)).expect(404);
    expect(res.body.code).toBe('CASE.NOT_FOUND');
  });

  it('answers 409 with the current version when If-Match is stale', async () => {
    const res = await post(`/cases/${f.caseId}/${route}`, valid(f)).set('If-Match', '"2"').expect(409);
    expect(res.body).toMatchObject({ currentVersion: 3 });
    expect(res.body.type).toMatch(/version-conflict$/);
    await expectNothingAppended();
  });

  it(`refuses a rule break with 422 and a stable code`, async () => {
    const res = await post(`/cases/${f.caseId}/${route}`, rule.body(f)).expect(422);
    expect(res.body).toMatchObject({ code: rule.code, status: 422 });
    await expectNothingAppended();
  });

  it('applies a retry with the same Idempotency-Key once and answers as the first time', async () => {
    const key = `retry-${randomUUID()}`;
    const first = await post(`/cases/${f.caseId}/${route}`, valid(f)).set('Idempotency-Key', key).expect(201);
    const again = await post(`/cases/${f.caseId}/${route}`, valid(f)).set('Idempotency-Key', key).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await t.streamOf(f.caseId)).toHaveLength(4);
  });

  it('lets an admin record the step', async () => {
    await post(`/cases/${f.caseId}/${route}`, valid(f), admin).expect(201);
  });
});

describe('POST /cases', () => {
  it('opens a case with a generated id: 201, Location, version 1', async () => {
    const res = await post('/cases', measureBody()).expect(201);
    expect(res.body.caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.version).toBe(1);
    expect(res.headers.location).toBe(`/cases/${res.body.caseId}`);
    const [event] = await t.streamOf(res.body.caseId);
    expect(event.type).toBe('MeasureImposed');
    expect(event.data).toMatchObject({ ...measureBody(), caseId: res.body.caseId });
  });

  it('keeps a given case id, and refuses it a second time with 409', async () => {
    const caseId = randomUUID();
    await post('/cases', measureBody({ caseId })).expect(201);
    const res = await post('/cases', measureBody({ caseId })).expect(409);
    expect(res.body.code).toBe('CASE.ALREADY_EXISTS');
    expect(await t.streamOf(caseId)).toHaveLength(1);
  });

  it('refuses a municipality code that is not a CBS code (400) or not in the region on that date (422)', async () => {
    const bad = await post('/cases', measureBody({ municipalityCode: 'Rotterdam' })).expect(400);
    expect(bad.body.errors[0].field).toBe('municipalityCode');
    // Westvoorne merged into Voorne aan Zee on 2023-01-01.
    const gone = await post('/cases', measureBody({ municipalityCode: 'GM0614', pronouncedOn: '2021-03-01' })).expect(201);
    expect(gone.body.version).toBe(1);
    const unknown = await post('/cases', measureBody({ municipalityCode: 'GM0363' })).expect(422);
    expect(unknown.body.code).toBe('MEASURE.UNKNOWN_MUNICIPALITY');
  });

  it('refuses a notification before the pronouncement with 422', async () => {
    const res = await post('/cases', measureBody({ giNotifiedOn: '2021-02-27' })).expect(422);
    expect(res.body.code).toBe('MEASURE.GI_NOTIFIED_BEFORE_PRONOUNCEMENT');
    expect(res.body.errors[0].field).toBe('giNotifiedOn');
  });

  it('answers 401 without a token and 403 for another institution, an auditor or an analyst', async () => {
    await t.http.post('/cases').send(measureBody()).expect(401);
    await post('/cases', measureBody(), otherProtector).expect(403);
    await post('/cases', measureBody(), auditor).expect(403);
    await post('/cases', measureBody(), await t.token({ role: 'analyst' })).expect(403);
  });

  it('applies a retry with the same Idempotency-Key once, even without a caseId', async () => {
    const key = `open-${randomUUID()}`;
    const first = await post('/cases', measureBody()).set('Idempotency-Key', key).expect(201);
    const again = await post('/cases', measureBody()).set('Idempotency-Key', key).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await t.streamOf(first.body.caseId)).toHaveLength(1);
  });

  it('refuses a reused Idempotency-Key with a different body (422) and appends nothing', async () => {
    const key = `open-${randomUUID()}`;
    const first = await post('/cases', measureBody()).set('Idempotency-Key', key).expect(201);
    const res = await post('/cases', measureBody({ measureType: 'VOOGDIJ' })).set('Idempotency-Key', key).expect(422);
    expect(res.body.type).toMatch(/idempotency-key-reused$/);
    expect(await t.streamOf(first.body.caseId)).toHaveLength(1);
  });
});
