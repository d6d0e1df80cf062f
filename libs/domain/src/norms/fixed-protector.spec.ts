import type { AssignmentReason, CaseEvent } from '../case/case-events';
import { guardianAssigned, measureEnded, measureImposed, waitlisted } from '../case/testing/case-fixtures';
import type { FixedProtectorFacts } from './norm-verdict';
import { corrected, evaluate, retracted, type ExpectedVerdict } from './testing/norm-fixtures';

type Row = [string, CaseEvent[], string, ExpectedVerdict<FixedProtectorFacts>];
const m = measureImposed();
const first = guardianAssigned({ assignedOn: '2021-03-05' });
const change = (assignedOn: string, protectorRef: string, reason: AssignmentReason) =>
  guardianAssigned({ assignedOn, protectorRef, reason });
const queue = (since: string) => waitlisted({ entryId: 'q-1', waitingFor: 'PROTECTOR', since, reason: 'CAPACITY' });
const twoChanges = [m, first, change('2021-04-01', 'p-2', 'TURNOVER'), change('2021-05-01', 'p-3', 'ILLNESS')];
const LATER = '2021-09-01';

describe('fixed protector: at most one unplanned change, never back to a waiting list', () => {
  it.each<Row>([
    ['pending before any assignment', [m], LATER,
      { state: 'pending', deadline: null, satisfiedOn: null, facts: { reasons: [], firstAssignedOn: null } }],
    ['notApplicable: the measure ended before any assignment', [m, measureEnded({ endedOn: '2021-03-08' })], LATER,
      { state: 'notApplicable', facts: { reasons: ['ENDED_BEFORE_ASSIGNMENT'], endedOn: '2021-03-08' } }],
    ['met once a protector is assigned (even a late one)', [m, guardianAssigned({ assignedOn: '2021-03-20' })], LATER,
      { state: 'met', deadline: null, satisfiedOn: '2021-03-20',
        facts: { reasons: [], satisfiedBy: ['e2'], firstAssignedOn: '2021-03-20' } }],
    ['met: planned handovers are fixed moments',
      [m, first, change('2021-04-15', 'p-2', 'PLANNED_HANDOVER'), change('2021-06-01', 'p-3', 'PLANNED_HANDOVER')],
      LATER, { state: 'met', facts: { plannedHandovers: 2, unplannedChanges: 0 } }],
    ['met: one change for turnover is allowed',
      [m, first, change('2021-04-15', 'p-2', 'PLANNED_HANDOVER'), change('2021-05-01', 'p-3', 'TURNOVER')], LATER,
      { state: 'met', facts: { unplannedChanges: 1, unplannedChangeIds: ['e4'], brokenOn: null } }],
    ['notMet: a second change, for illness', twoChanges, LATER,
      { state: 'notMet', satisfiedOn: null,
        facts: { reasons: ['SECOND_UNPLANNED_CHANGE'], unplannedChanges: 2, brokenOn: '2021-05-01' } }],
    ['notMet: a change for another reason counts as unplanned',
      [m, first, change('2021-04-01', 'p-2', 'OTHER'), change('2021-05-01', 'p-3', 'TURNOVER')], LATER,
      { state: 'notMet', facts: { unplannedChangeIds: ['e3', 'e4'] } }],
    ['met: the rule still held on the evaluation date (business time)', twoChanges, '2021-04-30',
      { state: 'met', facts: { unplannedChanges: 1 } }],
    ['met: re-assigning the protector in charge (a team change) is no change',
      [m, first, change('2021-04-01', 'protector-41b2', 'OTHER'), change('2021-05-01', 'protector-41b2', 'OTHER')],
      LATER, { state: 'met', facts: { unplannedChanges: 0 } }],
    ['notMet: back on the GI waiting list after the first assignment', [m, first, queue('2021-04-01')], LATER,
      { state: 'notMet', facts: { reasons: ['FELL_BACK_TO_WAITLIST'], fallbackIds: ['e3'], brokenOn: '2021-04-01' } }],
    ['met: the GI queue before the first assignment is no fall-back', [m, queue('2021-03-03'), first], LATER,
      { state: 'met', facts: { fallbackIds: [] } }],
    ['met: a queue entry on the day of the first assignment is the queue it ended', [m, queue('2021-03-05'), first],
      LATER, { state: 'met' }],
    ['met: waiting for help is not a fall-back', [m, first, waitlisted({ since: '2021-04-01' })], LATER,
      { state: 'met' }],
    ['notMet: the earliest break counts', [...twoChanges, queue('2021-06-01')], LATER,
      { state: 'notMet',
        facts: { reasons: ['SECOND_UNPLANNED_CHANGE', 'FELL_BACK_TO_WAITLIST'], brokenOn: '2021-05-01' } }],
    ['met: retracting the second change restores the verdict', [...twoChanges, retracted('e4')], LATER,
      { state: 'met', facts: { unplannedChanges: 1 } }],
    ['met: correcting a change into a planned handover',
      [...twoChanges, corrected('e3', change('2021-04-01', 'p-2', 'PLANNED_HANDOVER').data)], LATER,
      { state: 'met', facts: { plannedHandovers: 1, unplannedChanges: 1 } }],
  ])('%s', (_why, events, date, expected) => {
    expect(evaluate(events, date).fixedProtector).toMatchObject(expected);
  });
});
