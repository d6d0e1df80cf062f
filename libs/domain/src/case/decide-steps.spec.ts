import type { CaseCommand } from './case-commands';
import type { PlanParticipant } from './case-events';
import { given } from './testing/decider-spec';
import {
  deadlineAdvanced,
  deadlineExplained,
  guardianAssigned,
  helpStarted,
  measureImposed,
  planAgreed,
  withId,
} from './testing/case-fixtures';

describe('AssignGuardian', () => {
  const assign = (o: Parameters<typeof guardianAssigned>[0] = {}): CaseCommand => ({
    type: 'AssignGuardian',
    data: guardianAssigned(o).data,
  });

  it('records the initial assignment; the protector is current', () => {
    const state = given(measureImposed()).when(assign()).then(guardianAssigned());
    expect(state.currentProtectorRef).toBe('protector-41b2');
    expect(state.assignmentCount).toBe(1);
  });

  it('records a planned handover after the initial assignment', () => {
    const handover = { protectorRef: 'protector-77e0', team: 'team-area-5', assignedOn: '2021-04-20', reason: 'PLANNED_HANDOVER' } as const;
    const state = given(measureImposed(), guardianAssigned()).when(assign(handover)).then(guardianAssigned(handover));
    expect(state.currentProtectorRef).toBe('protector-77e0');
    expect(state.assignmentCount).toBe(2);
  });

  it('refuses a first assignment that is not INITIAL', () => {
    given(measureImposed()).when(assign({ reason: 'TURNOVER' })).thenRefused('ASSIGNMENT.FIRST_MUST_BE_INITIAL', 'reason');
  });

  it('refuses a second INITIAL assignment', () => {
    given(measureImposed(), guardianAssigned())
      .when(assign({ protectorRef: 'protector-77e0', assignedOn: '2021-04-20' }))
      .thenRefused('ASSIGNMENT.INITIAL_ALREADY_MADE', 'reason');
  });

  it('accepts INITIAL again once the earlier initial assignment was retracted', () => {
    given(
      measureImposed(),
      withId('evt-assign', guardianAssigned()),
      { type: 'EntryRetracted', data: { retractsEventId: 'evt-assign', reason: 'wrong case' } },
    )
      .when(assign({ protectorRef: 'protector-77e0' }))
      .then(guardianAssigned({ protectorRef: 'protector-77e0' }));
  });

  it('refuses an assignment before the pronouncement or after today', () => {
    given(measureImposed()).when(assign({ assignedOn: '2021-02-28' })).thenRefused('STEP.BEFORE_PRONOUNCEMENT', 'assignedOn');
    given(measureImposed()).when(assign({ assignedOn: '2021-09-02' })).thenRefused('STEP.DATE_IN_FUTURE', 'assignedOn');
  });

  it('accepts an assignment on the day of the pronouncement', () => {
    given(measureImposed()).when(assign({ assignedOn: '2021-03-01' })).then(guardianAssigned({ assignedOn: '2021-03-01' }));
  });
});

describe('AgreePlan', () => {
  const agree = (o: Parameters<typeof planAgreed>[0] = {}): CaseCommand => ({ type: 'AgreePlan', data: planAgreed(o).data });

  it('records PlanAgreed with its participants', () => {
    const state = given(measureImposed()).when(agree()).then(planAgreed());
    expect(state.entries.map((e) => e.type)).toEqual(['MeasureImposed', 'PlanAgreed']);
  });

  it('accepts a plan agreed without the family: whether it is supported is the norm engine\'s verdict', () => {
    const participants: PlanParticipant[] = ['LOCAL_TEAM', 'PROVIDER'];
    given(measureImposed()).when(agree({ participants })).then(planAgreed({ participants }));
  });

  it('refuses a plan without participants', () => {
    given(measureImposed()).when(agree({ participants: [] })).thenRefused('PLAN.NO_PARTICIPANTS', 'participants');
  });

  it('refuses a plan before the pronouncement or after today', () => {
    given(measureImposed()).when(agree({ agreedOn: '2021-02-01' })).thenRefused('STEP.BEFORE_PRONOUNCEMENT', 'agreedOn');
    given(measureImposed()).when(agree({ agreedOn: '2021-10-01' })).thenRefused('STEP.DATE_IN_FUTURE', 'agreedOn');
  });
});

describe('StartHelp', () => {
  const start = (o: Parameters<typeof helpStarted>[0] = {}): CaseCommand => ({ type: 'StartHelp', data: helpStarted(o).data });

  it('records HelpStarted, bridging help included', () => {
    given(measureImposed()).when(start({ bridging: true })).then(helpStarted({ bridging: true }));
  });

  it('accepts help that started before the measure (it continues and counts)', () => {
    given(measureImposed()).when(start({ startedOn: '2020-11-02' })).then(helpStarted({ startedOn: '2020-11-02' }));
  });

  it('refuses help starting after today', () => {
    given(measureImposed()).when(start({ startedOn: '2021-09-02' })).thenRefused('STEP.DATE_IN_FUTURE', 'startedOn');
  });

  it('refuses a start date that is not a date', () => {
    given(measureImposed()).when(start({ startedOn: '2021-06-31' })).thenRefused('STEP.INVALID_DATE', 'startedOn');
  });
});

describe('ExplainDeadline', () => {
  const explain = (o: Parameters<typeof deadlineExplained>[0] = {}): CaseCommand => ({
    type: 'ExplainDeadline',
    data: deadlineExplained(o).data,
  });

  it('records DeadlineExplained', () => {
    given(measureImposed()).when(explain()).then(deadlineExplained());
  });

  it('refuses an explanation before the pronouncement or after today', () => {
    given(measureImposed()).when(explain({ explainedOn: '2021-01-15' })).thenRefused('STEP.BEFORE_PRONOUNCEMENT', 'explainedOn');
    given(measureImposed()).when(explain({ explainedOn: '2021-09-30' })).thenRefused('STEP.DATE_IN_FUTURE', 'explainedOn');
  });
});

describe('AdvanceDeadline', () => {
  const advance = (o: Parameters<typeof deadlineAdvanced>[0] = {}): CaseCommand => ({
    type: 'AdvanceDeadline',
    data: deadlineAdvanced(o).data,
  });

  it('records an earlier course deadline', () => {
    const state = given(measureImposed()).when(advance()).then(deadlineAdvanced());
    expect(state.deadlinesAdvanced).toEqual({ PLAN: '2021-03-22' });
  });

  it('accepts a deadline in the future: it is future by nature', () => {
    const data = { norm: 'HELP', deadline: '2021-05-31' } as const;
    given(measureImposed()).when(advance(data), '2021-03-02').then(deadlineAdvanced(data));
  });

  it.each([
    ['PLAN', '2021-04-12'], // the standard: pronounced 2021-03-01 + 42 days
    ['PLAN', '2021-05-01'],
    ['HELP', '2021-06-01'], // the standard: + 3 months
    ['HELP', '2021-07-01'],
  ] as const)('refuses a %s deadline of %s: not earlier than the standard', (norm, deadline) => {
    given(measureImposed()).when(advance({ norm, deadline })).thenRefused('DEADLINE.NOT_EARLIER', 'deadline');
  });

  it('accepts the day before the standard deadline', () => {
    given(measureImposed()).when(advance({ deadline: '2021-04-11' })).then(deadlineAdvanced({ deadline: '2021-04-11' }));
  });

  it('refuses a deadline before the pronouncement', () => {
    given(measureImposed()).when(advance({ deadline: '2021-02-28' })).thenRefused('STEP.BEFORE_PRONOUNCEMENT', 'deadline');
  });

  it('refuses a deadline that is not a date', () => {
    given(measureImposed()).when(advance({ deadline: 'soon' })).thenRefused('STEP.INVALID_DATE', 'deadline');
  });
});
