import { TestApp, measureBody, startTestApp } from '../support/test-app';

/** Concurrency conflicts are 409s, never lost updates. */
let t: TestApp;
let protector: string;

beforeAll(async () => {
  t = await startTestApp();
  protector = await t.token({ role: 'protector', institution: 'JBRR' });
});
afterAll(() => t.close());

async function openCase(): Promise<string> {
  const res = await t.http.post('/cases').set('Authorization', `Bearer ${protector}`).send(measureBody()).expect(201);
  return res.body.caseId;
}

const explanation = (i: number) => ({ norm: 'HELP', explainedOn: '2021-06-02', reason: `explanation ${i}` });

it('50 parallel commands with the same If-Match: exactly one succeeds, 49 get 409', async () => {
  const caseId = await openCase();
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      t.http
        .post(`/cases/${caseId}/explanations`)
        .set('Authorization', `Bearer ${protector}`)
        .set('If-Match', '"1"')
        .send(explanation(i)),
    ),
  );
  const statuses = responses.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  expect(responses.filter((r) => r.status === 409).every((r) => r.body.currentVersion === 2)).toBe(true);
  expect(await t.streamOf(caseId)).toHaveLength(2);
});

it('50 parallel commands without If-Match: all applied, none lost or duplicated', async () => {
  const caseId = await openCase();
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      t.http.post(`/cases/${caseId}/explanations`).set('Authorization', `Bearer ${protector}`).send(explanation(i)),
    ),
  );
  expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
  const versions = responses.map((r) => r.body.version).sort((a, b) => a - b);
  expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));

  const stream = await t.streamOf(caseId);
  expect(stream).toHaveLength(51);
  const reasons = stream.slice(1).map((e) => (e.data as { reason: string }).reason);
  expect(new Set(reasons).size).toBe(50);
  expect(reasons.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `explanation ${i}`).sort());
});
