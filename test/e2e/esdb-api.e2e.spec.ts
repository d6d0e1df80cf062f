import { EsdbDouble } from '../esdb-double/server';
import { TestApp, measureBody, startTestApp } from '../support/test-app';

/**
 * The API configured with EVENT_STORE=esdb, talking to the EventStoreDB test double through the real client
 * over gRPC: a case is logged, concurrent writers are serialised by expected revisions, retries are idempotent.
 */
describe.each([
  ['Append', false],
  ['BatchAppend', true],
])('API on EventStoreDB (client in %s mode)', (_mode, batchAppend) => {
  let double: EsdbDouble;
  let t: TestApp;
  let protector: string;

  beforeAll(async () => {
    double = await EsdbDouble.start({ batchAppend });
    t = await startTestApp({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: double.connectionString });
    protector = await t.token({ role: 'protector', institution: 'WSS', sub: 'prot-wss-3' });
  });
  afterAll(async () => {
    await t.close();
    await double.stop();
  });

  const post = (path: string, body: object) => t.http.post(path).set('Authorization', `Bearer ${protector}`).send(body);

  it('logs a case from measure to help into stream case-<caseId>', async () => {
    const opened = await post('/cases', measureBody({ institution: 'WSS', measureType: 'VOOGDIJ' })).expect(201);
    const caseId = opened.body.caseId;
    await post(`/cases/${caseId}/guardian-assignments`, { protectorRef: 'prot-wss-3', assignedOn: '2021-03-05', reason: 'INITIAL' }).expect(201);
    await post(`/cases/${caseId}/plans`, { agreedOn: '2021-04-01', participants: ['PARENTS'] }).expect(201);
    const help = await post(`/cases/${caseId}/help-starts`, { startedOn: '2021-05-03', helpType: 'A_PLEEGZORG', provider: 'prov-1' }).expect(201);
    expect(help.body.version).toBe(4);

    const stream = await t.streamOf(caseId);
    expect(stream.map((e) => e.type)).toEqual(['MeasureImposed', 'GuardianAssigned', 'PlanAgreed', 'HelpStarted']);
    expect(stream.every((e) => e.streamId === `case-${caseId}`)).toBe(true);
    expect(stream[3]).toMatchObject({ eventId: help.body.eventId, data: { bridging: false }, metadata: { actor: { sub: 'prot-wss-3' } } });
    expect(double.stats[batchAppend ? 'batchAppends' : 'appendCalls']).toBeGreaterThan(0);
  });

  it('serialises concurrent writers: same If-Match -> one 201 and 409s; no If-Match -> all applied', async () => {
    const caseId = (await post('/cases', measureBody({ institution: 'WSS' })).expect(201)).body.caseId;
    const explanation = (i: number) => ({ norm: 'HELP', explainedOn: '2021-06-02', reason: `r${i}` });
    const guarded = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(`/cases/${caseId}/explanations`, explanation(i)).set('If-Match', '"1"')),
    );
    expect(guarded.filter((r) => r.status === 201)).toHaveLength(1);
    expect(guarded.filter((r) => r.status === 409)).toHaveLength(9);

    const free = await Promise.all(Array.from({ length: 10 }, (_, i) => post(`/cases/${caseId}/explanations`, explanation(i + 10))));
    expect(free.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(await t.streamOf(caseId)).toHaveLength(12);
  });

  it('replays an idempotent POST /cases without appending', async () => {
    const first = await post('/cases', measureBody({ institution: 'WSS' })).set('Idempotency-Key', 'esdb-open-1').expect(201);
    const again = await post('/cases', measureBody({ institution: 'WSS' })).set('Idempotency-Key', 'esdb-open-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await t.streamOf(first.body.caseId)).toHaveLength(1);
  });

  it('reports the event store up on /health', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body.info.eventStore).toMatchObject({ status: 'up', adapter: 'esdb' });
  });
});
