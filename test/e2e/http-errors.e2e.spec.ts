import { TestApp, measureBody, startTestApp } from '../support/test-app';

/** No client mistake gets a 500 or a stack trace; every refusal is problem+json and appends nothing. */
let t: TestApp;
let protector: string;

beforeAll(async () => {
  t = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
  protector = await t.token({ role: 'protector', institution: 'JBRR' });
});
afterAll(() => t.close());

const expectProblem = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string }, status: number, type: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(new RegExp(`${type}$`)), title: expect.any(String) });
  expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
};

it('malformed JSON: 400 malformed-json', async () => {
  const res = await t.http
    .post('/cases')
    .set('Authorization', `Bearer ${protector}`)
    .set('Content-Type', 'application/json')
    .send('{"childRef": "child-1",');
  expectProblem(res, 400, 'malformed-json');
});

it('a body over the limit: 413', async () => {
  const res = await t.http
    .post('/cases')
    .set('Authorization', `Bearer ${protector}`)
    .send(measureBody({ childRef: 'x'.repeat(10_000) }));
  expectProblem(res, 413, 'payload-too-large');
});

it('wrong types everywhere: 400 naming each field', async () => {
  const res = await t.http
    .post('/cases')
    .set('Authorization', `Bearer ${protector}`)
    .send({ childRef: 12, familyRef: null, municipalityCode: [], institution: 'ACME', measureType: 'OTS', pronouncedOn: true, giNotifiedOn: '2021-13-01' });
  expectProblem(res, 400, 'validation-error');
  const fields = new Set((res.body.errors as { field: string }[]).map((e) => e.field));
  expect([...fields].sort()).toEqual(['childRef', 'familyRef', 'giNotifiedOn', 'institution', 'municipalityCode', 'pronouncedOn']);
});

it('a body nested deeper than any request needs: 400, not a stack overflow', async () => {
  const deep = `{"x":${'['.repeat(2000)}${']'.repeat(2000)}}`;
  for (const path of ['/cases', '/cases/6f1c1d4e-8d0a-4f43-9c4e-2b0a3c9d7e11/corrections']) {
    const res = await t.http.post(path).set('Authorization', `Bearer ${protector}`).set('Content-Type', 'application/json').send(deep);
    expectProblem(res, 400, 'validation-error');
    expect(res.body.errors[0].rule).toBe('maxDepth');
  }
});

it('a JSON array or scalar instead of an object: 400', async () => {
  const res = await t.http.post('/cases').set('Authorization', `Bearer ${protector}`).set('Content-Type', 'application/json').send('[1,2]');
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
});

it('an unknown route: 404 problem+json, also without a token', async () => {
  expectProblem(await t.http.get('/nowhere'), 404, 'not-found');
  expectProblem(await t.http.post('/cases/x/teleport').set('Authorization', `Bearer ${protector}`).send({}), 404, 'not-found');
});

it('a case id that is not a UUID: 400 naming caseId', async () => {
  const res = await t.http.post('/cases/42/plans').set('Authorization', `Bearer ${protector}`).send({ agreedOn: '2021-04-01', participants: ['CHILD'] });
  expectProblem(res, 400, 'validation-error');
  expect(res.body.errors[0].field).toBe('caseId');
});

it('a malformed If-Match or Idempotency-Key: 400 invalid-header', async () => {
  const created = await t.http.post('/cases').set('Authorization', `Bearer ${protector}`).send(measureBody()).expect(201);
  const path = `/cases/${created.body.caseId}/explanations`;
  const body = { norm: 'HELP', explainedOn: '2021-06-02', reason: 'waiting list' };
  expectProblem(await t.http.post(path).set('Authorization', `Bearer ${protector}`).set('If-Match', 'yesterday').send(body), 400, 'invalid-header');
  // A weak validator never matches in If-Match (RFC 9110).
  expectProblem(await t.http.post(path).set('Authorization', `Bearer ${protector}`).set('If-Match', 'W/"1"').send(body), 400, 'invalid-header');
  expectProblem(await t.http.post(path).set('Authorization', `Bearer ${protector}`).set('Idempotency-Key', 'ä'.repeat(3)).send(body), 400, 'invalid-header');
  expect(await t.streamOf(created.body.caseId)).toHaveLength(1);
});

describe('tokens', () => {
  const expectUnauthorized = async (authorization: string, detail: RegExp) => {
    const res = await t.http.post('/cases').set('Authorization', authorization).send(measureBody());
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.detail).toMatch(detail);
  };

  it('refuses an expired token, a wrong signature and garbage with 401', async () => {
    await expectUnauthorized(`Bearer ${await t.token({ role: 'admin' }, { expiresIn: -60 })}`, /expired/);
    await expectUnauthorized(`Bearer ${await t.token({ role: 'admin' }, { secret: 'another-secret-that-is-long-enough-0123456789' })}`, /signature/);
    await expectUnauthorized('Bearer not.a.jwt', /could not be verified/);
    await expectUnauthorized('Basic dXNlcjpwYXNz', /bearer token/);
  });

  it('refuses an unknown role and a protector without institution with 403', async () => {
    const unknownRole = await t.http.post('/cases').set('Authorization', `Bearer ${await t.token({ role: 'judge' as never })}`).send(measureBody());
    expectProblem(unknownRole, 403, 'forbidden');
    const noInstitution = await t.http.post('/cases').set('Authorization', `Bearer ${await t.token({ role: 'protector' })}`).send(measureBody());
    expectProblem(noInstitution, 403, 'forbidden');
  });
});

it('GET /health reports liveness and event-store readiness without a token', async () => {
  const res = await t.http.get('/health').expect(200);
  expect(res.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' }, eventStore: { status: 'up', adapter: 'sqlite' } } });
});

it('GET /docs/openapi.json describes every write route with its body schema', async () => {
  const res = await t.http.get('/docs/openapi.json').expect(200);
  const paths = Object.keys(res.body.paths);
  for (const route of ['guardian-assignments', 'plans', 'help-starts', 'waitlist-entries', 'waitlist-exits', 'explanations', 'deadlines', 'extensions', 'end', 'corrections', 'retractions']) {
    expect(paths).toContain(`/cases/{caseId}/${route}`);
  }
  expect(res.body.components.schemas.ImposeMeasureDto.properties.measureType.enum).toContain('VOORLOPIGE_OTS');
  const plans = res.body.paths['/cases/{caseId}/plans'].post;
  expect(Object.keys(plans.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '413', '422', '503']);
  expect(plans.responses['422'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/ProblemDetailsSchema');
});

it('echoes request and correlation ids', async () => {
  const res = await t.http.get('/health').set('X-Correlation-Id', 'corr-123');
  expect(res.headers['x-correlation-id']).toBe('corr-123');
  expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});
