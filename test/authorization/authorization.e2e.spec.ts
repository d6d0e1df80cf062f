import { randomUUID } from 'node:crypto';
import type { Role } from '../../apps/api/src/auth/actor';
import { TestApp, measureBody, startTestApp } from '../support/test-app';
import { ReadModels } from '../../apps/api/src/read-models/read-models.service';

/**
 * Issue 4, point 6: every route of the service against every kind of caller, with the expected status.
 *
 * The routes come from the app's own OpenAPI document (plus the documentation routes, which the document does
 * not describe): a route served without an entry in ROUTES below fails "route X has no expected statuses".
 * Expectations follow README "Roles" and "Errors": 401 for a missing, expired or wrongly signed token, 403 for an
 * unknown role, another institution's case, or a role that may not call the route.
 */

const CALLERS = [
  'ownProtector',
  'otherProtector',
  'auditor',
  'analyst',
  'admin',
  'noToken',
  'expiredToken',
  'wrongSignature',
  'unknownRole',
] as const;
type Caller = (typeof CALLERS)[number];

const CALLER_LABELS: Record<Caller, string> = {
  ownProtector: 'protector of the case’s institution',
  otherProtector: 'protector of another institution',
  auditor: 'auditor',
  analyst: 'analyst',
  admin: 'admin',
  noToken: 'caller without a token',
  expiredToken: 'caller with an expired token',
  wrongSignature: 'caller with a token with a wrong signature',
  unknownRole: 'caller with a token with an unknown role',
};

type Expected = Record<Caller, number>;

const UNAUTHENTICATED = { noToken: 401, expiredToken: 401, wrongSignature: 401, unknownRole: 403 } as const;

/** A step or a new case: protectors of the case's institution and admins only. */
const WRITE: Expected = { ownProtector: 201, otherProtector: 403, auditor: 403, analyst: 403, admin: 201, ...UNAUTHENTICATED };
/** Case-level reads: protectors of the case's institution, auditors, admins; never analysts. */
const CASE_READ: Expected = { ownProtector: 200, otherProtector: 403, auditor: 200, analyst: 403, admin: 200, ...UNAUTHENTICATED };
/** The worklist: a protector gets their own institution's, whichever institution that is. */
const WORKLIST: Expected = { ownProtector: 200, otherProtector: 200, auditor: 200, analyst: 403, admin: 200, ...UNAUTHENTICATED };
/** KPIs: analysts, auditors, admins. */
const KPI: Expected = { ownProtector: 403, otherProtector: 403, auditor: 200, analyst: 200, admin: 200, ...UNAUTHENTICATED };
/**
 * The access log (issue 4, point 4): auditors and admins see every record, a protector the reads of their own
 * institution's cases (filtered, not refused: README does not say yet, this is the app's behaviour), analysts
 * nothing.
 */
const ACCESS_LOG: Expected = { ownProtector: 200, otherProtector: 200, auditor: 200, analyst: 403, admin: 200, ...UNAUTHENTICATED };
/** Verifying the access log's chain: the auditors' and the admins' tool, not a protector's. */
const ACCESS_LOG_CHAIN: Expected = { ownProtector: 403, otherProtector: 403, auditor: 200, analyst: 403, admin: 200, ...UNAUTHENTICATED };
/** The identity vault: protectors register the people of their cases; reading needs an active case of theirs. */
const PERSON_REGISTER: Expected = { ownProtector: 201, otherProtector: 201, auditor: 403, analyst: 403, admin: 201, ...UNAUTHENTICATED };
const PERSON_READ: Expected = { ownProtector: 200, otherProtector: 403, auditor: 403, analyst: 403, admin: 200, ...UNAUTHENTICATED };
/** Crypto-shredding: admins only. */
const PERSON_SHRED: Expected = { ownProtector: 403, otherProtector: 403, auditor: 403, analyst: 403, admin: 204, ...UNAUTHENTICATED };
/** Health and API docs: anyone, whatever token comes along. */
const PUBLIC: Expected = Object.fromEntries(CALLERS.map((caller) => [caller, 200])) as Expected;

/** A JBRR case (the own protector's institution) with an initial assignment and an open waitlist entry. */
interface CaseFixture {
  caseId: string;
  assignmentEventId: string;
  entryId: string;
  waitlistEventId: string;
}

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
}

interface RouteEntry {
  expected: Expected;
  /** What one call needs; writes get a case of their own per call, so no call depends on another. */
  prepare: () => Promise<Call>;
}

let t: TestApp;
let tokens: Record<Caller, string | undefined>;
let shared: CaseFixture;

const onFreshCase = (body: (f: CaseFixture) => object) => async (): Promise<Call> => {
  const f = await openCase();
  return { params: { caseId: f.caseId }, body: body(f) };
};
const onSharedCase = (query?: Record<string, string>) => async (): Promise<Call> => ({ params: { caseId: shared.caseId }, query });
const withQuery = (query?: Record<string, string>) => async (): Promise<Call> => ({ query });

/** Keyed `METHOD path`, with the path as the OpenAPI document spells it. */
const ROUTES: Record<string, RouteEntry> = {
  'GET /health': { expected: PUBLIC, prepare: withQuery() },
  'GET /docs': { expected: PUBLIC, prepare: withQuery() },
  'GET /docs/openapi.json': { expected: PUBLIC, prepare: withQuery() },
  'GET /docs-yaml': { expected: PUBLIC, prepare: withQuery() },

  'POST /cases': { expected: WRITE, prepare: async () => ({ body: measureBody({ caseId: randomUUID() }) }) },
  'POST /cases/{caseId}/guardian-assignments': {
    expected: WRITE,
    prepare: onFreshCase(() => ({ protectorRef: 'prot-jbrr-2', team: 'area team north', assignedOn: '2021-05-01', reason: 'PLANNED_HANDOVER' })),
  },
  'POST /cases/{caseId}/plans': {
    expected: WRITE,
    prepare: onFreshCase(() => ({ agreedOn: '2021-04-01', participants: ['CHILD', 'PARENTS', 'LOCAL_TEAM'], goals: ['school attendance'] })),
  },
  'POST /cases/{caseId}/help-starts': {
    expected: WRITE,
    prepare: onFreshCase(() => ({ startedOn: '2021-05-01', helpType: 'E_AMBULANT', provider: 'prov-12' })),
  },
  'POST /cases/{caseId}/waitlist-entries': {
    expected: WRITE,
    prepare: onFreshCase(() => ({ waitingFor: 'HELP', since: '2021-04-01', helpType: 'B_OPNAME', provider: 'prov-3', reason: 'AFTER_INTAKE' })),
  },
  'POST /cases/{caseId}/waitlist-exits': {
    expected: WRITE,
    prepare: onFreshCase((f) => ({ entryId: f.entryId, leftOn: '2021-04-10', outcome: 'HELP_STARTED' })),
  },
  'POST /cases/{caseId}/explanations': {
    expected: WRITE,
    prepare: onFreshCase(() => ({ norm: 'HELP', explainedOn: '2021-06-02', reason: 'no foster family available in the region' })),
  },
  'POST /cases/{caseId}/deadlines': {
    expected: WRITE,
    prepare: onFreshCase(() => ({ norm: 'PLAN', deadline: '2021-03-20', reason: 'safety of the child requires a course sooner' })),
  },
  'POST /cases/{caseId}/extensions': {
    expected: WRITE,
    prepare: onFreshCase(() => ({ extendedOn: '2021-08-01', newEndsOn: '2022-09-01', reason: 'HELP_NOT_STARTED' })),
  },
  'POST /cases/{caseId}/end': {
    expected: WRITE,
    prepare: onFreshCase(() => ({ endedOn: '2021-08-15', reason: 'OTS_LIFTED_EARLY' })),
  },
  'POST /cases/{caseId}/corrections': {
    expected: WRITE,
    prepare: onFreshCase((f) => ({
      correctsEventId: f.assignmentEventId,
      reason: 'assignment date was typed wrong',
      data: { protectorRef: 'prot-jbrr-1', assignedOn: '2021-03-05', reason: 'INITIAL' },
    })),
  },
  'POST /cases/{caseId}/retractions': {
    expected: WRITE,
    prepare: onFreshCase((f) => ({ retractsEventId: f.waitlistEventId, reason: 'entered on the wrong case' })),
  },

  'GET /cases': { expected: WORKLIST, prepare: withQuery() },
  'GET /cases/{caseId}': { expected: CASE_READ, prepare: onSharedCase({ asOf: '2021-06-01' }) },
  'GET /cases/{caseId}/history': { expected: CASE_READ, prepare: onSharedCase() },
  'GET /cases/{caseId}/verify': { expected: CASE_READ, prepare: onSharedCase() },
  'GET /cases/{caseId}/export': { expected: CASE_READ, prepare: onSharedCase() },

  'POST /persons': { expected: PERSON_REGISTER, prepare: async () => ({ body: { name: 'Test Person', birthDate: '2012-05-01' } }) },
  'GET /persons/{ref}': { expected: PERSON_READ, prepare: async () => ({ params: { ref: await personOnActiveCase() } }) },
  'DELETE /persons/{ref}': { expected: PERSON_SHRED, prepare: async () => ({ params: { ref: await registerPerson() } }) },

  'GET /audit/access': { expected: ACCESS_LOG, prepare: async () => ({ query: { caseId: shared.caseId } }) },
  'GET /audit/access/verify': { expected: ACCESS_LOG_CHAIN, prepare: withQuery({ month: new Date().toISOString().slice(0, 7) }) },

  'GET /kpi/timeliness': { expected: KPI, prepare: withQuery({ from: '2021-01-01', to: '2021-08-31', groupBy: 'institution' }) },
  'GET /kpi/waiting': { expected: KPI, prepare: withQuery({ groupBy: 'helpType' }) },
  'GET /kpi/waiting/series': { expected: KPI, prepare: withQuery({ from: '2021-01-01', to: '2021-08-31', interval: 'month' }) },
  'GET /kpi/caseload': { expected: KPI, prepare: withQuery() },
  'GET /kpi/inflow': { expected: KPI, prepare: withQuery({ from: '2021-01-01', to: '2021-08-31', interval: 'quarter' }) },
  'GET /kpi/registration-lag': { expected: KPI, prepare: withQuery({ from: '2021-01-01', to: '2021-08-31' }) },
};

/** Served by the docs middleware, not described by the OpenAPI document itself. */
const NOT_IN_DOCUMENT = new Set(['GET /docs', 'GET /docs/openapi.json', 'GET /docs-yaml']);

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

beforeAll(async () => {
  t = await startTestApp();
  const past = Math.floor(Date.now() / 1000) - 3600;
  tokens = {
    ownProtector: await t.token({ role: 'protector', institution: 'JBRR', sub: 'prot-jbrr-1' }),
    otherProtector: await t.token({ role: 'protector', institution: 'LJR', sub: 'prot-ljr-1' }),
    auditor: await t.token({ role: 'auditor', sub: 'aud-1' }),
    analyst: await t.token({ role: 'analyst', sub: 'ana-1' }),
    admin: await t.token({ role: 'admin', sub: 'adm-1' }),
    noToken: undefined,
    expiredToken: await t.token({ role: 'admin', sub: 'adm-1' }, { expiresIn: past }),
    wrongSignature: await t.token({ role: 'admin', sub: 'adm-1' }, { secret: 'another-secret-that-is-long-enough-for-hs256-9876543210' }),
    unknownRole: await t.token({ role: 'superuser' as unknown as Role, institution: 'JBRR', sub: 'who-1' }),
  };
  shared = await openCase();
});
afterAll(() => t?.close());

/** Set up as an admin, so that the set-up never depends on the rules under test for the protector. */
async function openCase(): Promise<CaseFixture> {
  const admin = `Bearer ${tokens.admin}`;
  const opened = await t.http.post('/cases').set('Authorization', admin).send(measureBody({ caseId: randomUUID() }));
  expectSetUp(opened, 201);
  const caseId: string = opened.body.caseId;
  const assigned = await t.http
    .post(`/cases/${caseId}/guardian-assignments`)
    .set('Authorization', admin)
    .send({ protectorRef: 'prot-jbrr-1', assignedOn: '2021-03-04', reason: 'INITIAL' });
  expectSetUp(assigned, 201);
  const waiting = await t.http
    .post(`/cases/${caseId}/waitlist-entries`)
    .set('Authorization', admin)
    .send({ waitingFor: 'HELP', since: '2021-03-10', helpType: 'A_PLEEGZORG', reason: 'CAPACITY' });
  expectSetUp(waiting, 201);
  return { caseId, assignmentEventId: assigned.body.eventId, entryId: waiting.body.entryId, waitlistEventId: waiting.body.eventId };
}

/** A person in the vault, registered by an admin (synthetic name and date only). */
async function registerPerson(): Promise<string> {
  const res = await t.http.post('/persons').set('Authorization', `Bearer ${tokens.admin}`).send({ name: 'Test Person', birthDate: '2012-05-01' });
  expectSetUp(res, 201);
  return res.body.ref;
}

/** A person who is the child of an active JBRR case, once the read models know the case. */
async function personOnActiveCase(): Promise<string> {
  const ref = await registerPerson();
  const opened = await t.http.post('/cases').set('Authorization', `Bearer ${tokens.admin}`).send(measureBody({ caseId: randomUUID(), childRef: ref }));
  expectSetUp(opened, 201);
  await t.app.get(ReadModels).waitForPosition(opened.body.position);
  return ref;
}

function expectSetUp(res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status) throw new Error(`set-up failed: ${res.status} ${JSON.stringify(res.body)}`);
}

function pathOf(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for path parameter ${name} of ${template}`);
    return encodeURIComponent(params[name]);
  });
}

async function call(route: string, caller: Caller): Promise<{ status: number; body: unknown }> {
  const [method, template] = route.split(' ');
  const prepared = await ROUTES[route].prepare();
  const path = pathOf(template, prepared.params);
  let req = method === 'POST' ? t.http.post(path) : method === 'DELETE' ? t.http.delete(path) : t.http.get(path);
  if (prepared.query) req = req.query(prepared.query);
  const token = tokens[caller];
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  if (prepared.body) req = req.send(prepared.body);
  const res = await req;
  return { status: res.status, body: res.body };
}

describe('the table covers the service', () => {
  it('has expected statuses for every route in the OpenAPI document, and no route the service does not serve', async () => {
    const res = await t.http.get('/docs/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const served = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => HTTP_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const problems = [
      ...served.filter((route) => !(route in ROUTES)).map((route) => `route ${route} has no expected statuses`),
      ...Object.keys(ROUTES)
        .filter((route) => !NOT_IN_DOCUMENT.has(route) && !served.includes(route))
        .map((route) => `route ${route} is in the table but not in the OpenAPI document`),
    ];
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });
});

const CELLS = Object.entries(ROUTES).flatMap(([route, entry]) =>
  CALLERS.map((caller) => ({ route, caller, label: CALLER_LABELS[caller], status: entry.expected[caller] })),
);

describe('every route as every caller', () => {
  it.each(CELLS)('$route as $label -> $status', async ({ route, caller, status }) => {
    const res = await call(route, caller);
    if (res.status !== status) {
      const detail = typeof res.body === 'object' && res.body !== null ? JSON.stringify(res.body).slice(0, 300) : '';
      throw new Error(`${route} as ${CALLER_LABELS[caller]}: expected ${status}, got ${res.status} ${detail}`);
    }
  });
});
