import { randomUUID } from 'node:crypto';
import { TestApp, measureBody, startTestApp } from '../support/test-app';

/**
 * Events hold pseudonymous references only (issue 4): a number passing the BSN eleven-test in any text or
 * reference field is refused with 422 PRIVACY.BSN_IN_TEXT naming the field, the number is not echoed, and
 * nothing is appended. Synthetic numbers only: 111222333 and 123456782 are the standard test BSNs.
 */
let t: TestApp;
let protector: string;

beforeAll(async () => {
  t = await startTestApp();
  protector = await t.token({ role: 'protector', institution: 'JBRR', sub: 'prot-jbrr-1' });
});
afterAll(() => t.close());

const post = (path: string, body: object) => t.http.post(path).set('Authorization', `Bearer ${protector}`).send(body);

interface CaseFixture {
  caseId: string;
  assignmentEventId: string;
  planEventId: string;
  entryId: string;
}

/** A JBRR case with an assignment, a plan and an open waitlist entry: 4 events. */
async function openCase(): Promise<CaseFixture> {
  const caseId = (await post('/cases', measureBody()).expect(201)).body.caseId as string;
  const assigned = await post(`/cases/${caseId}/guardian-assignments`, {
    protectorRef: 'prot-jbrr-1',
    assignedOn: '2021-03-04',
    reason: 'INITIAL',
  }).expect(201);
  const plan = await post(`/cases/${caseId}/plans`, { agreedOn: '2021-04-01', participants: ['CHILD'], goals: ['school attendance'] }).expect(201);
  const waiting = await post(`/cases/${caseId}/waitlist-entries`, { waitingFor: 'HELP', since: '2021-03-10' }).expect(201);
  return { caseId, assignmentEventId: assigned.body.eventId, planEventId: plan.body.eventId, entryId: waiting.body.entryId };
}

/** The refusal names the field and the rule, and says nothing of the number in any form. */
const expectRefused = (res: { body: Record<string, unknown>; text: string }, field: string) => {
  expect(res.body).toMatchObject({ status: 422, code: 'PRIVACY.BSN_IN_TEXT', errors: [{ field, rule: 'PRIVACY.BSN_IN_TEXT' }] });
  expect(res.text).not.toMatch(/111.?222.?333|123.?456.?782|1234.?56.?782/);
};

it('refuses a BSN in a reference when a case is opened, and opens no case', async () => {
  const caseId = randomUUID();
  const res = await post('/cases', measureBody({ caseId, childRef: 'child-123456782' })).expect(422);
  expectRefused(res, 'childRef');
  expect(await t.streamOf(caseId)).toHaveLength(0);
  expectRefused(await post('/cases', measureBody({ caseId, familyRef: '111.222.333' })).expect(422), 'familyRef');
  expect(await t.streamOf(caseId)).toHaveLength(0);
});

const REFUSALS: { what: string; route: string; body: (f: CaseFixture) => object; field: string }[] = [
  {
    what: 'a reference',
    route: 'guardian-assignments',
    body: () => ({ protectorRef: 'prot-111222333', assignedOn: '2021-05-01', reason: 'PLANNED_HANDOVER' }),
    field: 'protectorRef',
  },
  {
    what: 'the team',
    route: 'guardian-assignments',
    body: () => ({ protectorRef: 'prot-jbrr-2', team: 'team of 123 456 782', assignedOn: '2021-05-01', reason: 'PLANNED_HANDOVER' }),
    field: 'team',
  },
  {
    what: 'a goal',
    route: 'plans',
    body: () => ({ agreedOn: '2021-04-02', participants: ['PARENTS'], goals: ['school attendance', 'see 1234.56.782'] }),
    field: 'goals.1',
  },
  {
    what: 'the provider',
    route: 'help-starts',
    body: () => ({ startedOn: '2021-05-01', helpType: 'E_AMBULANT', provider: '123456782' }),
    field: 'provider',
  },
  {
    what: 'the reason of leaving a waitlist',
    route: 'waitlist-exits',
    body: (f) => ({ entryId: f.entryId, leftOn: '2021-04-10', outcome: 'CANCELLED', reason: 'moved, bsn 111-222-333' }),
    field: 'reason',
  },
  {
    what: 'the reason of an explanation',
    route: 'explanations',
    body: () => ({ norm: 'HELP', explainedOn: '2021-06-02', reason: 'waiting for 123456782' }),
    field: 'reason',
  },
  {
    what: 'the reason of an advanced deadline',
    route: 'deadlines',
    body: () => ({ norm: 'PLAN', deadline: '2021-03-20', reason: 'safety of 123.456.782' }),
    field: 'reason',
  },
  {
    what: 'the reason of a retraction',
    route: 'retractions',
    body: (f) => ({ retractsEventId: f.assignmentEventId, reason: 'belongs to 111222333' }),
    field: 'reason',
  },
  {
    what: 'the reason of a correction',
    route: 'corrections',
    body: (f) => ({
      correctsEventId: f.assignmentEventId,
      reason: 'was 111222333',
      data: { protectorRef: 'prot-jbrr-1', assignedOn: '2021-03-05', reason: 'INITIAL' },
    }),
    field: 'reason',
  },
  {
    what: 'the corrected team',
    route: 'corrections',
    body: (f) => ({
      correctsEventId: f.assignmentEventId,
      reason: 'team was missing',
      data: { protectorRef: 'prot-jbrr-1', team: '123 456 782', assignedOn: '2021-03-04', reason: 'INITIAL' },
    }),
    field: 'data.team',
  },
  {
    what: 'a corrected goal',
    route: 'corrections',
    body: (f) => ({
      correctsEventId: f.planEventId,
      reason: 'goal typed wrong',
      data: { agreedOn: '2021-04-01', participants: ['CHILD'], goals: ['school for child-123456782'] },
    }),
    field: 'data.goals.0',
  },
];

describe.each(REFUSALS)('$route: a BSN in $what', ({ route, body, field }) => {
  it(`is refused with 422 naming ${field}, and nothing is appended`, async () => {
    const f = await openCase();
    const res = await post(`/cases/${f.caseId}/${route}`, body(f)).expect(422);
    expectRefused(res, field);
    expect(await t.streamOf(f.caseId)).toHaveLength(4);
  });
});

it('records numbers that are not a BSN: failing the eleven-test, a phone number, a longer run', async () => {
  const f = await openCase();
  const reason = 'called 0612345678 about file 123456789 and 1111222333';
  await post(`/cases/${f.caseId}/explanations`, { norm: 'HELP', explainedOn: '2021-06-02', reason }).expect(201);
  const events = await t.streamOf(f.caseId);
  expect(events).toHaveLength(5);
  expect(events[4].data).toMatchObject({ reason });
});
