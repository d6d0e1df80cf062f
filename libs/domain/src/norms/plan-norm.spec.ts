import type { CaseEvent, PlanParticipant } from '../case/case-events';
import {
  deadlineAdvanced,
  deadlineExplained,
  measureEnded,
  measureImposed,
  planAgreed,
} from '../case/testing/case-fixtures';
import type { NormVerdict, PlanFacts } from './norm-verdict';
import { isSupportedPlan } from './plan-norm';
import { corrected, evaluate, PLAN_DUE, retracted, type ExpectedVerdict } from './testing/norm-fixtures';

type Row = [string, CaseEvent[], string, ExpectedVerdict<PlanFacts>];
const m = measureImposed();
const plan = (agreedOn: string, ...participants: PlanParticipant[]) =>
  planAgreed({ agreedOn, participants });
const explained = (explainedOn: string) => deadlineExplained({ norm: 'PLAN', explainedOn });
const advanced = (deadline: string) => deadlineAdvanced({ norm: 'PLAN', deadline });

describe('supported course: agreed with the child or the parents', () => {
  it.each([
    [['CHILD'], true],
    [['PARENTS'], true],
    [['CHILD', 'PARENTS', 'NETWORK'], true],
    [['NETWORK', 'LOCAL_TEAM', 'PROVIDER', 'SCHOOL', 'OTHER_PROFESSIONAL'], false],
    [[], false],
  ] as const)('%j -> %p', (participants, supported) => {
    expect(isSupportedPlan(participants)).toBe(supported);
  });
});

describe('timely, supported course: within 6 weeks of the pronouncement (deadline Mon 2021-04-12)', () => {
  it.each<Row>([
    ['met: agreed with the child and parents', [m, plan('2021-04-01', 'CHILD', 'PARENTS')], '2021-09-01',
      { state: 'met', deadline: PLAN_DUE, satisfiedOn: '2021-04-01',
        facts: { reasons: ['ON_TIME'], satisfiedBy: ['e2'], deadlineSource: 'STANDARD' } }],
    ['met: the parents alone make it supported', [m, plan('2021-04-01', 'PARENTS', 'NETWORK')], '2021-09-01',
      { state: 'met' }],
    ['met: agreed on the deadline day', [m, plan(PLAN_DUE, 'CHILD')], '2021-09-01', { state: 'met' }],
    ['pending: no plan yet', [m], PLAN_DUE, { state: 'pending', satisfiedOn: null, facts: { reasons: [] } }],
    ['pending: only an unsupported plan so far', [m, plan('2021-04-01', 'NETWORK', 'LOCAL_TEAM')], '2021-04-05',
      { state: 'pending', facts: { reasons: ['NOT_SUPPORTED'], unsupportedPlanIds: ['e2'] } }],
    ['notMet: no plan', [m], '2021-04-13', { state: 'notMet', facts: { reasons: ['MISSING'] } }],
    ['notMet: a plan without the family is not supported', [m, plan('2021-04-01', 'NETWORK', 'LOCAL_TEAM')],
      '2021-09-01',
      { state: 'notMet', satisfiedOn: null, facts: { reasons: ['MISSING', 'NOT_SUPPORTED'], satisfiedBy: [] } }],
    ['notMet: unsupported on time, supported too late',
      [m, plan('2021-04-01', 'PROVIDER'), plan('2021-04-20', 'CHILD')], '2021-09-01',
      { state: 'notMet', satisfiedOn: '2021-04-20',
        facts: { reasons: ['LATE', 'NOT_SUPPORTED'], satisfiedBy: ['e3'] } }],
    ['met: an unsupported plan first, then a supported one in time',
      [m, plan('2021-03-20', 'PROVIDER'), plan('2021-04-10', 'CHILD')], '2021-09-01',
      { state: 'met', satisfiedOn: '2021-04-10', facts: { reasons: ['ON_TIME'], unsupportedPlanIds: ['e2'] } }],
    ['explained: late, with an explanation', [m, plan('2021-04-20', 'CHILD'), explained('2021-04-13')], '2021-09-01',
      { state: 'explained', satisfiedOn: '2021-04-20', facts: { reasons: ['LATE'], explainedOn: '2021-04-13' } }],
    ['explained: missing, with an explanation', [m, explained('2021-04-13')], '2021-05-01',
      { state: 'explained', facts: { reasons: ['MISSING'], explainedBy: ['e2'] } }],
    ['explained: the earliest of two explanations is the one shown',
      [m, explained('2021-04-20'), explained('2021-04-13')], '2021-05-01',
      { state: 'explained', facts: { explainedOn: '2021-04-13', explainedBy: ['e3', 'e2'] } }],
    ['notMet: the explanation is dated after the evaluation date', [m, explained('2021-05-02')], '2021-05-01',
      { state: 'notMet' }],
    ['a plan dated after the evaluation date does not count yet', [m, plan('2021-04-01', 'CHILD')], '2021-03-31',
      { state: 'pending', satisfiedOn: null }],
    ['notMet: an earlier case-specific deadline', [m, advanced('2021-03-22'), plan('2021-04-01', 'CHILD')],
      '2021-09-01',
      { state: 'notMet', deadline: '2021-03-22', satisfiedOn: '2021-04-01', facts: { deadlineSource: 'ADVANCED' } }],
    ['pending before the earlier deadline', [m, advanced('2021-03-22')], '2021-03-22',
      { state: 'pending', deadline: '2021-03-22' }],
    ['met: a retracted earlier deadline no longer applies',
      [m, advanced('2021-03-22'), plan('2021-04-01', 'CHILD'), retracted('e2')], '2021-09-01',
      { state: 'met', deadline: PLAN_DUE, facts: { deadlineSource: 'STANDARD' } }],
    ['the earliest of two advanced deadlines holds', [m, advanced('2021-03-29'), advanced('2021-03-22')], '2021-09-01',
      { deadline: '2021-03-22' }],
    ['notApplicable: the measure ended before the deadline without a plan',
      [m, plan('2021-03-15', 'SCHOOL'), measureEnded({ endedOn: '2021-04-01' })], '2021-09-01',
      { state: 'notApplicable', satisfiedOn: null, facts: { reasons: ['ENDED_BEFORE_DEADLINE', 'NOT_SUPPORTED'] } }],
    ['notMet: the measure ended after the deadline without a plan', [m, measureEnded({ endedOn: '2021-05-01' })],
      '2021-09-01', { state: 'notMet', facts: { endedOn: '2021-05-01' } }],
    ['met: a correction adds the child to the participants',
      [m, plan('2021-04-01', 'NETWORK'), corrected('e2', plan('2021-04-01', 'NETWORK', 'CHILD').data)], '2021-09-01',
      { state: 'met', facts: { unsupportedPlanIds: [] } }],
    ['notMet: a correction removes the parents from the participants',
      [m, plan('2021-04-01', 'PARENTS'), corrected('e2', plan('2021-04-01', 'LOCAL_TEAM').data)], '2021-09-01',
      { state: 'notMet', facts: { reasons: ['MISSING', 'NOT_SUPPORTED'] } }],
    ['a corrected pronouncement date moves the deadline',
      [m, plan('2021-04-20', 'CHILD'), corrected('e1', { ...m.data, pronouncedOn: '2021-03-10' })], '2021-09-01',
      { state: 'met', deadline: '2021-04-21' }],
  ])('%s', (_why, events, on, expected) => {
    expect(evaluate(events, on).plan).toMatchObject(expected);
  });
});
