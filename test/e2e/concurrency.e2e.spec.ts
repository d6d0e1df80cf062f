import { randomUUID } from 'node:crypto';
import { EsdbDouble } from '../esdb-double/server';
import { TestApp, measureBody, startTestApp } from '../support/test-app';

/**
 * Concurrency conflicts are 409s, never lost updates. On SQLite the requests mostly serialise before they reach
 * the store; on EventStoreDB (the double, over gRPC) loads and appends interleave, so the expected-revision
 * check and the reload-and-decide-again loop are what keeps the count right.
 */
describe.each([
  ['SQLite', false],
  ['EventStoreDB', true],
])('50 parallel commands on one case (%s)', (_name, onEsdb) => {
  let double: EsdbDouble | undefined;
  let t: TestApp;
  let protector: string;

  beforeAll(async () => {
    double = onEsdb ? await EsdbDouble.start({ batchAppend: true }) : undefined;
    t = await startTestApp(double ? { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: double.connectionString } : {});
    protector = await t.token({ role: 'protector', institution: 'JBRR' });
  });
  afterAll(async () => {
    await t.close();
    await double?.stop();
  });

  const openCase = async () => (await t.http.post('/cases').set('Authorization', `Bearer ${protector}`).send(measureBody()).expect(201)).body.caseId as string;
  const explain = (caseId: string, i: number) =>
    t.http
      .post(`/cases/${caseId}/explanations`)
      .set('Authorization', `Bearer ${protector}`)
      .send({ norm: 'HELP', explainedOn: '2021-06-02', reason: `explanation ${i}` });

  it('with the same If-Match: exactly one succeeds, 49 get 409 with the current version', async () => {
    const caseId = await openCase();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => explain(caseId, i).set('If-Match', '"1"')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.currentVersion === 2)).toBe(true);
    expect(await t.streamOf(caseId)).toHaveLength(2);
  });

  it('without If-Match: all applied, none lost or duplicated', async () => {
    const caseId = await openCase();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => explain(caseId, i)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const versions = responses.map((r) => r.body.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    const stream = await t.streamOf(caseId);
    expect(stream).toHaveLength(51);
    const reasons = stream.slice(1).map((e) => (e.data as { reason: string }).reason);
    expect(reasons.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `explanation ${i}`).sort());
  });

  it('parallel retries of one request (same Idempotency-Key and If-Match) all get the original answer', async () => {
    const caseId = await openCase();
    const key = `retry-${randomUUID()}`;
    const responses = await Promise.all(Array.from({ length: 10 }, () => explain(caseId, 0).set('If-Match', '"1"').set('Idempotency-Key', key)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.eventId)).size).toBe(1);
    expect(await t.streamOf(caseId)).toHaveLength(2);
  });
});
