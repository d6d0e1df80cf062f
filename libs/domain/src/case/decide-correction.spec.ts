import type { CaseCommand } from './case-commands';
import type { CaseEvent, CaseStepData } from './case-events';
import { findEntry } from './case-state';
import { given } from './testing/decider-spec';
import {
  deadlineAdvanced,
  guardianAssigned,
  measureEnded,
  measureExtended,
  measureImposed,
  planAgreed,
  waitlisted,
  waitlistLeft,
  withId,
} from './testing/case-fixtures';

const correct = (correctsEventId: string, data: CaseStepData): CaseCommand => ({
  type: 'CorrectEntry',
  data: { correctsEventId, reason: 'recorded wrongly', data },
});
const corrected = (correctsEventId: string, data: CaseStepData): CaseEvent => ({
  type: 'EntryCorrected',
  data: { correctsEventId, reason: 'recorded wrongly', data },
});
const retract = (retractsEventId: string): CaseCommand => ({
  type: 'RetractEntry',
  data: { retractsEventId, reason: 'recorded on the wrong case' },
});
const retracted = (retractsEventId: string): CaseEvent => ({
  type: 'EntryRetracted',
  data: { retractsEventId, reason: 'recorded on the wrong case' },
});

const measure = withId('m', measureImposed());
const assignment = withId('a1', guardianAssigned());
const handover = withId('a2', guardianAssigned({ protectorRef: 'protector-b2', assignedOn: '2021-04-20', reason: 'PLANNED_HANDOVER' }));

describe('CorrectEntry', () => {
  it('records EntryCorrected; the derived state follows the corrected data', () => {
    const fix = guardianAssigned({ protectorRef: 'protector-d4', assignedOn: '2021-03-04' }).data;
    const state = given(measure, assignment).when(correct('a1', fix)).then(corrected('a1', fix));
    expect(state.currentProtectorRef).toBe('protector-d4');
    expect(findEntry(state, 'a1')?.data).toEqual(fix);
  });

  it('corrects the measure: pronouncement, notification and municipality move', () => {
    const fix = measureImposed({ pronouncedOn: '2021-02-25', giNotifiedOn: '2021-03-01', municipalityCode: 'GM0606' }).data;
    const state = given(measure, assignment).when(correct('m', fix)).then(corrected('m', fix));
    expect(state).toMatchObject({ pronouncedOn: '2021-02-25', giNotifiedOn: '2021-03-01', municipalityCode: 'GM0606' });
  });

  it('stays possible after the measure ended', () => {
    const ended = withId('end', measureEnded());
    given(measure, assignment, ended)
      .when(correct('a1', guardianAssigned({ assignedOn: '2021-03-08' }).data))
      .then(corrected('a1', guardianAssigned({ assignedOn: '2021-03-08' }).data));
    const state = given(measure, ended)
      .when(correct('end', measureEnded({ endedOn: '2021-08-10' }).data))
      .then(corrected('end', measureEnded({ endedOn: '2021-08-10' }).data));
    expect(state).toMatchObject({ ended: true, endedOn: '2021-08-10' });
  });

  it.each([
    ['an unknown event', 'nope'],
    ['an event of another case', 'evt-other-case-1'],
    ['a correction', 'c1'],
    ['a retraction', 'r1'],
  ])('refuses to correct %s', (_why, eventId) => {
    given(measure, assignment, withId('c1', corrected('a1', guardianAssigned().data)), withId('r1', retracted('a1')))
      .when(correct(eventId, guardianAssigned().data))
      .thenRefused('CORRECTION.UNKNOWN_EVENT', 'correctsEventId');
  });

  it('refuses to correct a retracted entry', () => {
    given(measure, assignment, retracted('a1'))
      .when(correct('a1', guardianAssigned().data))
      .thenRefused('CORRECTION.ENTRY_RETRACTED', 'correctsEventId');
  });

  it('refuses a measure correction that changes the case id', () => {
    given(measure).when(correct('m', measureImposed({ caseId: 'case-0000' }).data)).thenRefused('CORRECTION.CASE_ID_CHANGED', 'data.caseId');
  });

  describe('the corrected data passes the rules of the step it replaces', () => {
    it.each([
      ['a future date', { assignedOn: '2021-09-02' }, 'STEP.DATE_IN_FUTURE', 'data.assignedOn'],
      ['a date before the pronouncement', { assignedOn: '2021-02-28' }, 'STEP.BEFORE_PRONOUNCEMENT', 'data.assignedOn'],
      ['a first assignment that is not INITIAL', { reason: 'TURNOVER' }, 'ASSIGNMENT.FIRST_MUST_BE_INITIAL', 'data.reason'],
    ] as const)('assignment: %s', (_why, change, code, field) => {
      given(measure, assignment, handover).when(correct('a1', guardianAssigned(change).data)).thenRefused(code, field);
    });

    it('assignment: a second INITIAL', () => {
      given(measure, assignment, handover)
        .when(correct('a2', { ...handover.data, reason: 'INITIAL' }))
        .thenRefused('ASSIGNMENT.INITIAL_ALREADY_MADE', 'data.reason');
    });

    it.each([
      ['pronounced in the future', { pronouncedOn: '2021-09-02', giNotifiedOn: '2021-09-02' }, 'STEP.DATE_IN_FUTURE', 'data.pronouncedOn'],
      ['notified before pronounced', { giNotifiedOn: '2021-02-27' }, 'MEASURE.GI_NOTIFIED_BEFORE_PRONOUNCEMENT', 'data.giNotifiedOn'],
      ['ending on the pronouncement', { endsOn: '2021-03-01' }, 'MEASURE.ENDS_BEFORE_PRONOUNCEMENT', 'data.endsOn'],
      ['a municipality merged away', { municipalityCode: 'GM0568' }, 'MEASURE.UNKNOWN_MUNICIPALITY', 'data.municipalityCode'],
      ['not a date', { pronouncedOn: '2021-3-1' }, 'STEP.INVALID_DATE', 'data.pronouncedOn'],
    ] as const)('measure: %s', (_why, change, code, field) => {
      given(measure).when(correct('m', measureImposed(change).data)).thenRefused(code, field);
    });

    it('plan without participants', () => {
      given(measure, withId('p', planAgreed()))
        .when(correct('p', planAgreed({ participants: [] }).data))
        .thenRefused('PLAN.NO_PARTICIPANTS', 'data.participants');
    });

    it('waiting-list exit before the wait began', () => {
      given(measure, withId('w', waitlisted()), withId('l', waitlistLeft()))
        .when(correct('l', waitlistLeft({ leftOn: '2021-04-01' }).data))
        .thenRefused('WAITLIST.LEFT_BEFORE_ENTRY', 'data.leftOn');
    });

    it('advanced deadline not earlier than the standard one', () => {
      given(measure, withId('d', deadlineAdvanced()))
        .when(correct('d', deadlineAdvanced({ deadline: '2021-04-12' }).data))
        .thenRefused('DEADLINE.NOT_EARLIER', 'data.deadline');
    });

    it('extension not later than the end it extends', () => {
      given(measure, withId('x', measureExtended()))
        .when(correct('x', measureExtended({ newEndsOn: '2022-03-01' }).data))
        .thenRefused('EXTENSION.NOT_LATER', 'data.newEndsOn');
    });

    it('data of another step type (the date field is missing)', () => {
      given(measure, assignment).when(correct('a1', planAgreed().data)).thenRefused('STEP.INVALID_DATE', 'data.assignedOn');
    });
  });

  describe('later entries must still hold', () => {
    it('refuses moving the pronouncement after an assignment', () => {
      const error = given(measure, assignment)
        .when(correct('m', measureImposed({ pronouncedOn: '2021-03-06', giNotifiedOn: '2021-03-06' }).data))
        .thenRefused('CORRECTION.INVALIDATES_LATER_ENTRY', 'data');
      expect(error.message).toContain('a1');
      expect(error.message).toContain('STEP.BEFORE_PRONOUNCEMENT');
    });

    it('refuses moving the pronouncement so an advanced deadline is no longer earlier', () => {
      given(measure, withId('d', deadlineAdvanced({ deadline: '2021-04-05' })))
        .when(correct('m', measureImposed({ pronouncedOn: '2021-02-15', giNotifiedOn: '2021-02-16' }).data))
        .thenRefused('CORRECTION.INVALIDATES_LATER_ENTRY', 'data');
    });

    it('refuses re-keying a waiting-list entry that an exit refers to', () => {
      given(measure, withId('w', waitlisted()), withId('l', waitlistLeft()))
        .when(correct('w', waitlisted({ entryId: 'wait-2' }).data))
        .thenRefused('CORRECTION.INVALIDATES_LATER_ENTRY', 'data');
    });

    it('does not let an inconsistency left by an earlier retraction block an unrelated correction', () => {
      const fix = guardianAssigned({ assignedOn: '2021-03-04' }).data;
      given(measure, assignment, withId('w', waitlisted()), withId('l', waitlistLeft()), retracted('w'))
        .when(correct('a1', fix))
        .then(corrected('a1', fix));
    });
  });
});

describe('RetractEntry', () => {
  it('records EntryRetracted; the entry no longer counts', () => {
    const state = given(measure, assignment).when(retract('a1')).then(retracted('a1'));
    expect(state.assignmentCount).toBe(0);
    expect(findEntry(state, 'a1')?.retracted).toBe(true);
  });

  it('retracting the MeasureEnded reopens the case, and steps are accepted again', () => {
    const ended = withId('end', measureEnded());
    const state = given(measure, ended).when(retract('end')).then(retracted('end'));
    expect(state.ended).toBe(false);
    given(measure, ended, retracted('end'))
      .when({ type: 'AssignGuardian', data: guardianAssigned().data })
      .then(guardianAssigned());
  });

  it('stays possible after the measure ended', () => {
    given(measure, assignment, measureEnded()).when(retract('a1')).then(retracted('a1'));
  });

  it('lets a wrong initial assignment be withdrawn so the next can be corrected to INITIAL', () => {
    const turnover = withId('a2', guardianAssigned({ protectorRef: 'protector-b2', assignedOn: '2021-04-20', reason: 'TURNOVER' }));
    given(measure, assignment, turnover).when(retract('a1')).then(retracted('a1'));
    given(measure, assignment, turnover, retracted('a1'))
      .when(correct('a2', { ...turnover.data, reason: 'INITIAL' }))
      .then(corrected('a2', { ...turnover.data, reason: 'INITIAL' }));
  });

  it.each([
    ['an unknown event', 'nope'],
    ['a correction', 'c1'],
    ['a retraction', 'r1'],
  ])('refuses to retract %s', (_why, eventId) => {
    given(measure, assignment, handover, withId('c1', corrected('a1', guardianAssigned().data)), withId('r1', retracted('a2')))
      .when(retract(eventId))
      .thenRefused('CORRECTION.UNKNOWN_EVENT', 'retractsEventId');
  });

  it('refuses to retract an entry twice', () => {
    given(measure, assignment, retracted('a1')).when(retract('a1')).thenRefused('CORRECTION.ENTRY_RETRACTED', 'retractsEventId');
  });

  it('refuses to retract the measure itself', () => {
    given(measure).when(retract('m')).thenRefused('CORRECTION.CANNOT_RETRACT_MEASURE', 'retractsEventId');
  });
});
