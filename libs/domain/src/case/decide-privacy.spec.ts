import type { CaseCommand } from './case-commands';
import type { CaseStepData } from './case-events';
import { given } from './testing/decider-spec';
import {
  deadlineAdvanced,
  deadlineExplained,
  guardianAssigned,
  helpStarted,
  measureEnded,
  measureImposed,
  planAgreed,
  waitlisted,
  waitlistLeft,
  withId,
} from './testing/case-fixtures';

/**
 * Events hold pseudonymous references only: a number passing the BSN eleven-test in any field a person writes
 * is refused with PRIVACY.BSN_IN_TEXT, naming the field. Synthetic numbers only: 111222333 and 123456782 are
 * the standard test BSNs; 123456789 fails the eleven-test.
 */
const BSN = '123456782';
const measure = withId('m', measureImposed());
const assignment = withId('a1', guardianAssigned());
const plan = withId('p1', planAgreed({ goals: ['goal-1', 'goal-2'] }));
const explanation = withId('x1', deadlineExplained());
const wait = withId('w1', waitlisted());

const correct = (correctsEventId: string, data: CaseStepData, reason = 'recorded wrongly'): CaseCommand => ({
  type: 'CorrectEntry',
  data: { correctsEventId, reason, data },
});

describe('PRIVACY.BSN_IN_TEXT', () => {
  describe('refuses a BSN in every field a person writes, naming the field', () => {
    it.each<[string, CaseCommand, string]>([
      ['childRef', { type: 'ImposeMeasure', data: measureImposed({ childRef: `child-${BSN}` }).data }, 'childRef'],
      ['familyRef', { type: 'ImposeMeasure', data: measureImposed({ familyRef: '111222333' }).data }, 'familyRef'],
    ])('ImposeMeasure %s', (_field, command, field) => {
      given().when(command).thenRefused('PRIVACY.BSN_IN_TEXT', field);
    });

    it.each<[string, CaseCommand, string]>([
      ['protectorRef', { type: 'AssignGuardian', data: guardianAssigned({ protectorRef: BSN }).data }, 'protectorRef'],
      ['team', { type: 'AssignGuardian', data: guardianAssigned({ team: `team of ${BSN}` }).data }, 'team'],
      ['goals', { type: 'AgreePlan', data: planAgreed({ goals: ['goal-1', 'goal-2', 'see 123.456.782'] }).data }, 'goals.2'],
      ['provider', { type: 'StartHelp', data: helpStarted({ provider: `provider-${BSN}` }).data }, 'provider'],
      ['waitlist provider', { type: 'PlaceOnWaitlist', data: waitlisted({ provider: BSN }).data }, 'provider'],
      ['reason of leaving', { type: 'LeaveWaitlist', data: waitlistLeft({ reason: 'child 1234 56 782 moved' }).data }, 'reason'],
      ['reason of an explanation', { type: 'ExplainDeadline', data: deadlineExplained({ reason: `for ${BSN}` }).data }, 'reason'],
      ['reason of an advance', { type: 'AdvanceDeadline', data: deadlineAdvanced({ reason: 'bsn 111-222-333' }).data }, 'reason'],
    ])('%s', (_field, command, field) => {
      given(measure, assignment, wait).when(command).thenRefused('PRIVACY.BSN_IN_TEXT', field);
    });

    it('the reason of a retraction', () => {
      given(measure, assignment)
        .when({ type: 'RetractEntry', data: { retractsEventId: 'a1', reason: `wrong child (${BSN})` } })
        .thenRefused('PRIVACY.BSN_IN_TEXT', 'reason');
    });

    it('the reason of a correction', () => {
      given(measure, assignment)
        .when(correct('a1', guardianAssigned().data, `was ${BSN}`))
        .thenRefused('PRIVACY.BSN_IN_TEXT', 'reason');
    });

    it.each<[string, string, CaseStepData, string]>([
      ['a reference', 'm', measureImposed({ childRef: `c-${BSN}` }).data, 'data.childRef'],
      ['the team', 'a1', guardianAssigned({ team: '111 222 333' }).data, 'data.team'],
      ['a goal', 'p1', planAgreed({ goals: ['goal-1', `goal for ${BSN}`] }).data, 'data.goals.1'],
      ['a reason', 'x1', deadlineExplained({ reason: `re ${BSN}` }).data, 'data.reason'],
    ])('%s in the corrected data, named data.<field>', (_what, eventId, data, field) => {
      given(measure, assignment, plan, explanation).when(correct(eventId, data)).thenRefused('PRIVACY.BSN_IN_TEXT', field);
    });
  });

  it('names the field but never echoes the number', () => {
    const error = given(measure)
      .when({ type: 'AssignGuardian', data: guardianAssigned({ team: 'team 123.456.782' }).data })
      .thenRefused('PRIVACY.BSN_IN_TEXT', 'team');
    expect(error.message).toContain('team');
    expect(error.message).not.toMatch(/[0-9]{3}/);
  });

  it('refuses before any other rule: on a missing case, an ended case and with a bad date', () => {
    const command: CaseCommand = { type: 'ExplainDeadline', data: deadlineExplained({ reason: BSN }).data };
    given().when(command).thenRefused('PRIVACY.BSN_IN_TEXT', 'reason');
    given(measure, withId('end', measureEnded())).when(command).thenRefused('PRIVACY.BSN_IN_TEXT', 'reason');
    given(measure)
      .when({ type: 'ExplainDeadline', data: deadlineExplained({ explainedOn: '2021-02-30', reason: BSN }).data })
      .thenRefused('PRIVACY.BSN_IN_TEXT', 'reason');
  });

  it('refuses on an unknown entry too: a correction that holds a BSN is refused for it first', () => {
    given(measure).when(correct('nope', guardianAssigned({ team: BSN }).data)).thenRefused('PRIVACY.BSN_IN_TEXT', 'data.team');
  });

  describe('accepts numbers that are not a BSN', () => {
    it.each([
      ['a nine-digit number failing the eleven-test', '123456789'],
      ['a phone number', 'call 0612345678'],
      ['digits inside a longer number', 'file 1111222333'],
      ['dates', 'between 2021-03-01 and 01.06.2021'],
    ])('%s', (_what, reason) => {
      const data = deadlineExplained({ reason }).data;
      given(measure).when({ type: 'ExplainDeadline', data }).then({ type: 'DeadlineExplained', data });
    });

    it('system ids are not scanned: a case id is generated, not written', () => {
      const data = measureImposed({ caseId: '111222333' }).data;
      given().when({ type: 'ImposeMeasure', data }).then({ type: 'MeasureImposed', data });
    });
  });
});
