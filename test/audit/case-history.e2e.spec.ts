import { randomUUID } from 'node:crypto';
import { AuditTestApp, RECORDED, SampleCase, recordSampleCase, startAuditApp } from './audit-test-app';

/** GET /cases/{caseId}/history: the case's events as they happened (asOf) and as they were known (knownAt). */
let t: AuditTestApp;
let sample: SampleCase;
let auditor: string;

beforeAll(async () => {
  t = await startAuditApp();
  sample = await recordSampleCase(t);
  t.clock.set('2021-09-01T10:00:00Z');
  auditor = await t.token({ role: 'auditor', sub: 'inspector-1' });
});
afterAll(() => t.close());

const get = (query: string, token = auditor, caseId = sample.caseId) =>
  t.http.get(`/cases/${caseId}/history${query}`).set('Authorization', `Bearer ${token}`);
const typesOf = (body: { events: { type: string }[] }) => body.events.map((e) => e.type);

describe('the whole history', () => {
  it('lists every event in log order with all its metadata', async () => {
    const { body } = await get('').expect(200);
    expect(body).toMatchObject({ caseId: sample.caseId, asOf: '2021-09-01', knownAt: null });
    expect(typesOf(body)).toEqual(['MeasureImposed', 'GuardianAssigned', 'PlanAgreed', 'HelpStarted', 'EntryCorrected', 'EntryRetracted']);
    expect(body.events.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    const positions = body.events.map((e: { position: string }) => BigInt(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(Object.values(RECORDED)).toEqual(body.events.map((e: { recordedAt: string }) => e.recordedAt));
    for (const event of body.events) {
      expect(event.position).toMatch(/^\d+$/);
      expect(event.metadata).toMatchObject({
        eventId: event.eventId,
        schemaVersion: 1,
        recordedAt: event.recordedAt,
        actor: { sub: 'prot-jbrr-1', role: 'protector', institution: 'JBRR' },
        correlationId: `corr-${event.recordedAt}`,
        causationId: expect.any(String),
      });
    }
    expect(body.events[1].data).toMatchObject({ assignedOn: '2021-03-11', reason: 'INITIAL' });
  });

  it('names the event each correction and retraction affects', async () => {
    const { body } = await get('').expect(200);
    expect(body.events.map((e: { affects: unknown }) => e.affects)).toEqual([
      null,
      null,
      null,
      null,
      { eventId: sample.eventIds.assigned, type: 'GuardianAssigned' },
      { eventId: sample.eventIds.help, type: 'HelpStarted' },
    ]);
  });

  it('judges with the same engine and in the same shape as GET /cases/{caseId}', async () => {
    for (const asOf of ['2021-03-15', '2021-09-01']) {
      const history = (await get(`?asOf=${asOf}`).expect(200)).body;
      const current = (await t.http.get(`/cases/${sample.caseId}?asOf=${asOf}`).set('Authorization', `Bearer ${auditor}`).expect(200)).body;
      expect(history.timeliness).toEqual(current.timeliness);
    }
    const { body } = await get('').expect(200);
    expect(body.timeliness.protector).toMatchObject({ state: 'met', deadline: '2021-03-09', satisfiedOn: '2021-03-08' });
    // The help start was retracted: nothing else started by 2021-06-01.
    expect(body.timeliness.help).toMatchObject({ state: 'notMet', deadline: '2021-06-01', satisfiedOn: null });
    expect(body.state).toMatchObject({ institution: 'JBRR', currentProtectorRef: 'prot-jbrr-1' });
    expect(body.state.entries).toBeUndefined();
  });
});

describe('business time: asOf', () => {
  it('keeps the steps that had happened by asOf, with the corrections of those steps however late', async () => {
    const { body } = await get('?asOf=2021-03-15').expect(200);
    expect(typesOf(body)).toEqual(['MeasureImposed', 'GuardianAssigned', 'EntryCorrected']);
    expect(body.timeliness.protector).toMatchObject({ state: 'met', satisfiedOn: '2021-03-08' });
    expect(body.timeliness.plan).toMatchObject({ state: 'pending', satisfiedOn: null });
    expect(body.state).toMatchObject({ assignmentCount: 1, assignments: [{ assignedOn: '2021-03-08' }] });
  });

  it('dates a step by its corrected date, and shows nothing before the pronouncement', async () => {
    // Assigned 03-11 as first recorded, 03-08 as corrected: as of 03-09 it had happened.
    expect(typesOf((await get('?asOf=2021-03-09').expect(200)).body)).toEqual(['MeasureImposed', 'GuardianAssigned', 'EntryCorrected']);
    const before = (await get('?asOf=2021-02-28').expect(200)).body;
    expect(before.events).toEqual([]);
    expect(before.timeliness.protector).toMatchObject({ state: 'notApplicable', deadline: null });
  });

  it('keeps a retracted step with its retraction, judged without it', async () => {
    const { body } = await get('?asOf=2021-04-20').expect(200);
    expect(typesOf(body)).toEqual(['MeasureImposed', 'GuardianAssigned', 'PlanAgreed', 'HelpStarted', 'EntryCorrected', 'EntryRetracted']);
    expect(body.timeliness.help).toMatchObject({ state: 'pending', satisfiedOn: null });
  });
});

describe('knowledge time: knownAt', () => {
  it('keeps only the events recorded at or before knownAt', async () => {
    expect(typesOf((await get(`?knownAt=${RECORDED.assigned}`).expect(200)).body)).toEqual(['MeasureImposed', 'GuardianAssigned']);
    const justBefore = (await get('?knownAt=2021-03-12T08:59:59.999Z').expect(200)).body;
    expect(typesOf(justBefore)).toEqual(['MeasureImposed']);
    expect(justBefore.knownAt).toBe('2021-03-12T08:59:59.999Z');
    expect((await get('?knownAt=2021-02-01T00:00:00Z').expect(200)).body.events).toEqual([]);
  });

  it('reads an offset as the same instant (the + written %2B)', async () => {
    const { body } = await get('?knownAt=2021-03-12T10:00:00%2B01:00').expect(200);
    expect(typesOf(body)).toEqual(['MeasureImposed', 'GuardianAssigned']);
    expect(body.timeliness.protector).toMatchObject({ state: 'notMet', satisfiedOn: '2021-03-11' });
  });
});

describe('asOf and knownAt together', () => {
  it('shows what the system said about a date then, and what is known about it now', async () => {
    // Before the correction was recorded: assigned 03-11, two days late.
    const then = (await get(`?asOf=2021-03-15&knownAt=${RECORDED.help}`).expect(200)).body;
    expect(typesOf(then)).toEqual(['MeasureImposed', 'GuardianAssigned']);
    expect(then.timeliness.protector).toMatchObject({ state: 'notMet', satisfiedOn: '2021-03-11' });
    expect(then.state.assignments).toEqual([expect.objectContaining({ assignedOn: '2021-03-11' })]);
    // Known now: the correction (recorded 2021-05-01) says 03-08, on time.
    const now = (await get('?asOf=2021-03-15&knownAt=2021-06-01T00:00:00Z').expect(200)).body;
    expect(typesOf(now)).toEqual(['MeasureImposed', 'GuardianAssigned', 'EntryCorrected']);
    expect(now.timeliness.protector).toMatchObject({ state: 'met', satisfiedOn: '2021-03-08' });
  });

  it('leaves out a step not yet dated by asOf as it was known then', async () => {
    // As known before the correction the assignment was dated 03-11, after 03-10: missing as of 03-10.
    const then = (await get(`?asOf=2021-03-10&knownAt=${RECORDED.help}`).expect(200)).body;
    expect(typesOf(then)).toEqual(['MeasureImposed']);
    expect(then.timeliness.protector).toMatchObject({ state: 'notMet', satisfiedOn: null });
  });
});

describe('who may read it', () => {
  it('lets protectors of the case’s institution, auditors and admins read; nobody else', async () => {
    await get('', await t.token({ role: 'protector', institution: 'JBRR' })).expect(200);
    await get('', await t.token({ role: 'admin' })).expect(200);
    const other = await get('', await t.token({ role: 'protector', institution: 'WSS' })).expect(403);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    await get('', await t.token({ role: 'analyst' })).expect(403);
    await t.http.get(`/cases/${sample.caseId}/history`).expect(401);
  });
});

describe('refusals', () => {
  it('answers 404 for an unknown case', async () => {
    expect((await get('', auditor, randomUUID()).expect(404)).body.code).toBe('CASE.NOT_FOUND');
  });

  it.each([
    ['?asOf=2021-02-30', 'asOf'],
    ['?asOf=1.3.2021', 'asOf'],
    ['?knownAt=2021-03-12', 'knownAt'],
    ['?knownAt=2021-02-30T10:00:00Z', 'knownAt'],
    ['?knownAt=2021-03-12T10:00:00+01:00', 'knownAt'], // an unencoded + arrives as a space
    ['?known_at=2021-03-12T10:00:00Z', 'known_at'],
  ])('answers 400 problem+json for %s, naming the field', async (query, field) => {
    const res = await get(query).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('answers 400 for a case id that is not a UUID', async () => {
    expect((await get('', auditor, 'not-a-uuid').expect(400)).body.errors[0].field).toBe('caseId');
  });
});

it('is described in the OpenAPI document with its parameters and refusals', async () => {
  const { body } = await t.http.get('/docs/openapi.json').expect(200);
  const route = body.paths['/cases/{caseId}/history'].get;
  expect(route.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['asOf', 'caseId', 'knownAt', 'minPosition']);
  expect(Object.keys(route.responses).sort()).toEqual(['200', '400', '401', '403', '404', '422', '503']); // 422: a BSN in X-Access-Reason
  expect(body.components.schemas.ProblemDetailsSchema).toBeDefined();
});
