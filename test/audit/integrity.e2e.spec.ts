import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '@app/event-store';
import { CaseStream } from '../../apps/api/src/cases/case-stream';
import { verifyExport } from '../../apps/api/src/audit/integrity/case-export';
import { EsdbDouble } from '../esdb-double/server';
import { measureBody, startTestApp } from '../support/test-app';
import { AuditTestApp, SampleCase, recordSampleCase, startAuditApp } from './audit-test-app';

/** GET /cases/{caseId}/verify and /export on cases logged through the api: the chain holds, and who may see it. */
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

const get = (route: 'verify' | 'export', token = auditor, caseId = sample.caseId) =>
  t.http.get(`/cases/${caseId}/${route}`).set('Authorization', `Bearer ${token}`);
const HASH = /^[0-9a-f]{64}$/;

describe('a case logged through the api, with a correction and a retraction', () => {
  it('verifies: every event sealed and linked to the one before it', async () => {
    const { body } = await get('verify').expect(200);
    expect(body).toEqual({ caseId: sample.caseId, ok: true, events: 6, firstBroken: null, head: expect.stringMatching(HASH) });
  });

  it('exports the whole stream with its chain, in a form the offline check accepts', async () => {
    const { body } = await get('export').expect(200);
    expect(body).toMatchObject({ caseId: sample.caseId, streamId: `case-${sample.caseId}`, exportedAt: '2021-09-01T10:00:00.000Z', alg: 'sha256' });
    expect(body.events.map((e: { eventId: string }) => e.eventId)).toEqual(Object.values(sample.eventIds));
    expect(body.events.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    const seals = body.events.map((e: { metadata: { integrity: { alg: string; previous: string | null; hash: string } } }) => e.metadata.integrity);
    expect(seals.map((s: { previous: string | null }) => s.previous)).toEqual([null, ...seals.slice(0, 5).map((s: { hash: string }) => s.hash)]);
    expect(seals.every((s: { alg: string; hash: string }) => s.alg === 'sha256' && HASH.test(s.hash))).toBe(true);
    expect(body.events[4]).toMatchObject({ type: 'EntryCorrected', position: expect.stringMatching(/^\d+$/), metadata: { actor: { sub: 'prot-jbrr-1' } } });
    expect(body.chain).toEqual({ ok: true, head: seals[5].hash, firstBroken: null });
    expect((await get('verify').expect(200)).body.head).toBe(body.chain.head);
    expect(verifyExport(body)).toMatchObject({ ok: true, statedHead: body.chain.head });
  });
});

describe('who may verify and export', () => {
  it.each(['verify', 'export'] as const)('%s: protectors of the case’s institution, auditors and admins; nobody else', async (route) => {
    await get(route, await t.token({ role: 'protector', institution: 'JBRR' })).expect(200);
    await get(route, await t.token({ role: 'admin' })).expect(200);
    const other = await get(route, await t.token({ role: 'protector', institution: 'WSS' })).expect(403);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    await get(route, await t.token({ role: 'analyst' })).expect(403);
    await t.http.get(`/cases/${sample.caseId}/${route}`).expect(401);
  });

  it.each(['verify', 'export'] as const)('%s: 404 for an unknown case, 400 for an id that is not a UUID', async (route) => {
    expect((await get(route, auditor, randomUUID()).expect(404)).body.code).toBe('CASE.NOT_FOUND');
    expect((await get(route, auditor, 'not-a-uuid').expect(400)).body.errors[0].field).toBe('caseId');
  });

  it('is described in the OpenAPI document with its refusals', async () => {
    const { body } = await t.http.get('/docs/openapi.json').expect(200);
    for (const route of ['verify', 'export']) {
      const operation = body.paths[`/cases/{caseId}/${route}`].get;
      expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '404', '422', '503']); // 422: a BSN in X-Access-Reason
    }
  });
});

/**
 * Parallel commands without If-Match on one case: the losers of each race reload and seal to the new last event,
 * so the chain stays one line. On EventStoreDB (the double) loads and appends interleave for real, and the
 * stream makes the round trip through its JSON encoding.
 */
describe.each([
  ['SQLite', false],
  ['EventStoreDB', true],
])('concurrent appends (%s)', (_name, onEsdb) => {
  it('leave one chain that verifies', async () => {
    const double = onEsdb ? await EsdbDouble.start({ batchAppend: true }) : undefined;
    const app = await startTestApp(double ? { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: double.connectionString } : {});
    try {
      const protector = await app.token({ role: 'protector', institution: 'JBRR' });
      const stream = app.app.get(CaseStream);
      const append = stream.append.bind(stream);
      let refused = 0;
      jest.spyOn(stream, 'append').mockImplementation((...args) =>
        append(...args).catch((error: unknown) => {
          if (error instanceof WrongExpectedRevisionError) refused += 1;
          throw error;
        }),
      );
      const caseId = (await app.http.post('/cases').set('Authorization', `Bearer ${protector}`).send(measureBody()).expect(201)).body.caseId;
      const explain = (i: number) =>
        app.http.post(`/cases/${caseId}/explanations`).set('Authorization', `Bearer ${protector}`).send({ norm: 'HELP', explainedOn: '2021-06-02', reason: `explanation ${i}` });
      const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => explain(i)));
      expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
      if (onEsdb) expect(refused).toBeGreaterThan(0); // the retry path was taken, not only serialised requests
      const auditorToken = await app.token({ role: 'auditor' });
      const { body } = await app.http.get(`/cases/${caseId}/verify`).set('Authorization', `Bearer ${auditorToken}`).expect(200);
      expect(body).toMatchObject({ ok: true, events: 31, firstBroken: null });
    } finally {
      await app.close();
      await double?.stop();
    }
  }, 60_000);
});
