import type { CaseEvent } from '../case/case-events';
import {
  deadlineExplained,
  guardianAssigned as assigned,
  measureEnded,
  measureImposed,
} from '../case/testing/case-fixtures';
import { defineCalendarPolicy } from '../calendar/calendar-policy';
import { evaluateNorms } from './evaluate-norms';
import type { DeadlineFacts } from './norm-verdict';
import { corrected, evaluate, PROTECTOR_DUE, retracted, stream, type ExpectedVerdict } from './testing/norm-fixtures';

type Row = [string, CaseEvent[], string, ExpectedVerdict<DeadlineFacts>];
const m = measureImposed();
const on = (assignedOn: string) => assigned({ assignedOn });
const explained = (explainedOn: string, norm: 'PROTECTOR' | 'HELP' = 'PROTECTOR') =>
  deadlineExplained({ norm, explainedOn });
const ended = (endedOn: string) => measureEnded({ endedOn });
const LATER = '2021-09-01';

describe('timely protector: 5 working days after the GI was notified (deadline Wed 2021-03-10)', () => {
  it.each<Row>([
    ['met: assigned within the term', [m, on('2021-03-05')], LATER,
      { state: 'met', deadline: PROTECTOR_DUE, satisfiedOn: '2021-03-05',
        facts: { reasons: ['ON_TIME'], satisfiedBy: ['e2'], deadlineSource: 'STANDARD' } }],
    ['met: assigned on the deadline day', [m, on(PROTECTOR_DUE)], LATER, { state: 'met', satisfiedOn: PROTECTOR_DUE }],
    ['pending: no assignment, evaluated on the deadline day', [m], PROTECTOR_DUE,
      { state: 'pending', deadline: PROTECTOR_DUE, satisfiedOn: null, facts: { reasons: [] } }],
    ['pending: an assignment dated after the evaluation date does not count yet', [m, on('2021-03-09')], '2021-03-08',
      { state: 'pending', satisfiedOn: null }],
    ['notMet: no assignment the day after the deadline', [m], '2021-03-11',
      { state: 'notMet', satisfiedOn: null, facts: { reasons: ['MISSING'], satisfiedBy: [] } }],
    ['notMet: assigned late', [m, on('2021-03-11')], LATER,
      { state: 'notMet', satisfiedOn: '2021-03-11', facts: { reasons: ['LATE'], satisfiedBy: ['e2'] } }],
    ['explained: missing, with an explanation', [m, explained('2021-03-12')], '2021-03-15',
      { state: 'explained', satisfiedOn: null,
        facts: { reasons: ['MISSING'], explainedOn: '2021-03-12', explainedBy: ['e2'] } }],
    ['explained: late, explained afterwards', [m, on('2021-03-15'), explained('2021-03-16')], '2021-04-01',
      { state: 'explained', satisfiedOn: '2021-03-15', facts: { reasons: ['LATE'], explainedOn: '2021-03-16' } }],
    ['explained: explained in advance, before the deadline', [m, explained('2021-03-09')], '2021-03-11',
      { state: 'explained', facts: { explainedOn: '2021-03-09' } }],
    ['pending: an explanation changes nothing before the deadline', [m, explained('2021-03-09')], PROTECTOR_DUE,
      { state: 'pending', facts: { explainedOn: '2021-03-09' } }],
    ['notMet: an explanation dated after the evaluation date does not count yet', [m, explained('2021-03-20')],
      '2021-03-15', { state: 'notMet', facts: { explainedOn: null, explainedBy: [] } }],
    ['notMet: an explanation of another norm does not explain this one', [m, explained('2021-03-12', 'HELP')],
      '2021-03-15', { state: 'notMet', facts: { explainedOn: null } }],
    ['met: an explanation does not spoil a timely step', [m, on('2021-03-05'), explained('2021-03-04')], LATER,
      { state: 'met' }],
    ['notApplicable: the measure ended before the deadline without an assignment', [m, ended('2021-03-08')], LATER,
      { state: 'notApplicable', deadline: PROTECTOR_DUE, satisfiedOn: null,
        facts: { reasons: ['ENDED_BEFORE_DEADLINE'], endedOn: '2021-03-08' } }],
    ['met: assigned, then the measure ended before the deadline', [m, on('2021-03-04'), ended('2021-03-08')], LATER,
      { state: 'met' }],
    ['notMet: ended on the deadline day without an assignment (it had its whole term)', [m, ended(PROTECTOR_DUE)],
      PROTECTOR_DUE, { state: 'notMet', facts: { reasons: ['MISSING'] } }],
    ['pending: an end dated after the evaluation date does not count yet', [m, ended('2021-03-08')], '2021-03-05',
      { state: 'pending', facts: { endedOn: null } }],
    ['notMet: an assignment dated after the end of the measure does not count',
      [m, ended('2021-03-20'), on('2021-03-22')], LATER, { state: 'notMet', satisfiedOn: null }],
    ['met: the earliest assignment by date counts, whatever the log order',
      [m, assigned({ assignedOn: '2021-03-12', protectorRef: 'p-2', reason: 'TURNOVER' }), on('2021-03-09')], LATER,
      { state: 'met', satisfiedOn: '2021-03-09', facts: { satisfiedBy: ['e3'] } }],
    ['the clock starts at notification: notified Thu 2021-04-01, due Fri 2021-04-09 (Easter Monday)',
      [measureImposed({ giNotifiedOn: '2021-04-01' }), on('2021-04-09')], LATER,
      { state: 'met', deadline: '2021-04-09' }],
    ['late notification, assigned the Monday after the deadline',
      [measureImposed({ giNotifiedOn: '2021-04-01' }), on('2021-04-12')], LATER,
      { state: 'notMet', deadline: '2021-04-09' }],
    ['a correction of the notification date moves the deadline',
      [m, on('2021-03-12'), corrected('e1', { ...m.data, giNotifiedOn: '2021-03-08' })], LATER,
      { state: 'met', deadline: '2021-03-15', satisfiedOn: '2021-03-12' }],
    ['a retracted assignment no longer counts', [m, on('2021-03-05'), retracted('e2')], LATER,
      { state: 'notMet', satisfiedOn: null, facts: { satisfiedBy: [] } }],
    ['a corrected assignment date counts', [m, on('2021-03-05'), corrected('e2', on('2021-03-11').data)], LATER,
      { state: 'notMet', satisfiedOn: '2021-03-11', facts: { reasons: ['LATE'] } }],
  ])('%s', (_why, events, date, expected) => {
    expect(evaluate(events, date).protector).toMatchObject(expected);
  });

  // The BRIEF's worked examples, through the whole engine.
  it.each([
    ['2021-04-01', '2021-04-09'],
    ['2021-04-23', '2021-05-03'],
    ['2021-05-04', '2021-05-12'],
    ['2020-12-23', '2020-12-31'],
  ])('notified %s: due %s', (notified, due) => {
    const events = [measureImposed({ pronouncedOn: notified, giNotifiedOn: notified })];
    expect(evaluate(events, notified).protector).toMatchObject({ state: 'pending', deadline: due });
  });

  it('counts working days under the policy it is given, and says which', () => {
    const policy = defineCalendarPolicy({
      id: 'test-policy',
      version: '1',
      description: 'Thursday 2021-03-04 off',
      holidays: (year) => (year === 2021 ? [{ date: '2021-03-04', name: 'Test day' }] : []),
    });
    const result = evaluateNorms(stream(m), '2021-03-01', policy);
    expect(result.calendarPolicy).toBe('test-policy');
    expect(result.protector.deadline).toBe('2021-03-11');
  });
});
