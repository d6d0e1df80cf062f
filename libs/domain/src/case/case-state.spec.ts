import type { RecordedCaseEvent } from './case-events';
import { evolve, findEntry, foldCase, initialCaseState } from './case-state';
import {
  deadlineAdvanced,
  guardianAssigned,
  measureEnded,
  measureExtended,
  measureImposed,
  waitlisted,
  waitlistLeft,
  withId,
} from './testing/case-fixtures';

const corrected = (eventId: string, correctsEventId: string, data: RecordedCaseEvent['data']): RecordedCaseEvent =>
  ({ eventId, type: 'EntryCorrected', data: { correctsEventId, reason: 'recorded wrongly', data } }) as RecordedCaseEvent;
const retracted = (eventId: string, retractsEventId: string): RecordedCaseEvent => ({
  eventId,
  type: 'EntryRetracted',
  data: { retractsEventId, reason: 'recorded on the wrong case' },
});

describe('evolve', () => {
  it('starts from a case that does not exist', () => {
    expect(initialCaseState).toMatchObject({ exists: false, caseId: undefined, ended: false, assignmentCount: 0, entries: [] });
  });

  it('folds the measure and its steps into the summary', () => {
    const state = foldCase([
      withId('e1', measureImposed()),
      withId('e2', guardianAssigned()),
      withId('e3', waitlisted()),
      withId('e4', measureExtended()),
      withId('e5', measureEnded({ endedOn: '2021-08-30' })),
    ]);
    expect(state).toMatchObject({
      exists: true,
      caseId: 'case-7f3a',
      institution: 'JBRR',
      measureType: 'OTS',
      municipalityCode: 'GM0599',
      pronouncedOn: '2021-03-01',
      giNotifiedOn: '2021-03-03',
      endsOn: '2023-03-01',
      ended: true,
      endedOn: '2021-08-30',
      currentProtectorRef: 'protector-41b2',
      assignmentCount: 1,
    });
    expect(state.waitlist['wait-1']).toMatchObject({ open: true, placedByEventId: 'e3' });
    expect(findEntry(state, 'e2')).toEqual({
      eventId: 'e2',
      type: 'GuardianAssigned',
      data: guardianAssigned().data,
      retracted: false,
      correctedBy: [],
    });
  });

  it('keeps as current protector the one with the latest assignment date, not the last recorded', () => {
    const state = foldCase([
      withId('e1', measureImposed()),
      withId('e2', guardianAssigned()),
      withId('e3', guardianAssigned({ protectorRef: 'protector-c3', assignedOn: '2021-05-01', reason: 'TURNOVER' })),
      // A handover of 2021-04-01 recorded late does not displace the protector assigned on 2021-05-01.
      withId('e4', guardianAssigned({ protectorRef: 'protector-b2', assignedOn: '2021-04-01', reason: 'PLANNED_HANDOVER' })),
    ]);
    expect(state.currentProtectorRef).toBe('protector-c3');
    expect(state.assignmentCount).toBe(3);
  });

  it('on equal assignment dates, the later entry in the log is current', () => {
    const state = foldCase([
      withId('e1', measureImposed()),
      withId('e2', guardianAssigned()),
      withId('e3', guardianAssigned({ protectorRef: 'protector-b2', reason: 'OTHER' })),
    ]);
    expect(state.currentProtectorRef).toBe('protector-b2');
  });

  it('keeps the earliest advanced deadline per norm', () => {
    const state = foldCase([
      withId('e1', measureImposed()),
      withId('e2', deadlineAdvanced({ deadline: '2021-03-20' })),
      withId('e3', deadlineAdvanced({ deadline: '2021-03-25' })),
      withId('e4', deadlineAdvanced({ norm: 'HELP', deadline: '2021-05-01' })),
    ]);
    expect(state.deadlinesAdvanced).toEqual({ PLAN: '2021-03-20', HELP: '2021-05-01' });
  });

  it('closes a waiting-list entry once; a second exit changes nothing', () => {
    const state = foldCase([
      withId('e1', measureImposed()),
      withId('e2', waitlisted()),
      withId('e3', waitlistLeft()),
      withId('e4', waitlistLeft({ leftOn: '2021-07-01', outcome: 'CANCELLED' })),
    ]);
    expect(state.waitlist['wait-1']).toMatchObject({ open: false, leftOn: '2021-06-20', leftByEventId: 'e3' });
  });
});

describe('evolve with corrections and retractions', () => {
  const base = [withId('e1', measureImposed()), withId('e2', guardianAssigned()), withId('e3', waitlisted())];

  it('a correction of the measure replaces its effective data and the derived dates', () => {
    const fix = measureImposed({ pronouncedOn: '2021-02-26', giNotifiedOn: '2021-03-01', institution: 'LJR' }).data;
    const state = foldCase([...base, corrected('c1', 'e1', fix)]);
    expect(state).toMatchObject({ pronouncedOn: '2021-02-26', giNotifiedOn: '2021-03-01', institution: 'LJR' });
    expect(findEntry(state, 'e1')).toMatchObject({ data: fix, retracted: false, correctedBy: ['c1'] });
  });

  it('a correction of an assignment changes the current protector', () => {
    const fix = guardianAssigned({ protectorRef: 'protector-d4' }).data;
    const state = foldCase([...base, corrected('c1', 'e2', fix)]);
    expect(state.currentProtectorRef).toBe('protector-d4');
    expect(state.assignments).toEqual([{ eventId: 'e2', ...fix }]);
  });

  it('the latest of two corrections holds', () => {
    const state = foldCase([
      ...base,
      corrected('c1', 'e2', guardianAssigned({ protectorRef: 'protector-d4' }).data),
      corrected('c2', 'e2', guardianAssigned({ protectorRef: 'protector-e5' }).data),
    ]);
    expect(state.currentProtectorRef).toBe('protector-e5');
    expect(findEntry(state, 'e2')?.correctedBy).toEqual(['c1', 'c2']);
  });

  it('a correction of an extension moves the end date', () => {
    const state = foldCase([...base, withId('e4', measureExtended()), corrected('c1', 'e4', measureExtended({ newEndsOn: '2022-09-01' }).data)]);
    expect(state.endsOn).toBe('2022-09-01');
  });

  it('a correction of a waiting-list entry id re-keys the entry', () => {
    const state = foldCase([...base, corrected('c1', 'e3', waitlisted({ entryId: 'wait-2' }).data)]);
    expect(Object.keys(state.waitlist)).toEqual(['wait-2']);
  });

  it('retracting the assignment withdraws it', () => {
    const state = foldCase([...base, retracted('r1', 'e2')]);
    expect(state).toMatchObject({ assignmentCount: 0, currentProtectorRef: undefined, exists: true });
    expect(findEntry(state, 'e2')).toMatchObject({ eventId: 'e2', type: 'GuardianAssigned', retracted: true });
  });

  it('retracting the MeasureEnded reopens the case', () => {
    const ended = foldCase([...base, withId('e4', measureEnded())]);
    expect(ended.ended).toBe(true);
    const reopened = evolve(ended, retracted('r1', 'e4'));
    expect(reopened).toMatchObject({ ended: false, endedOn: undefined });
  });

  it('retracting an extension restores the previous end date', () => {
    const state = foldCase([...base, withId('e4', measureExtended()), retracted('r1', 'e4')]);
    expect(state).toMatchObject({ endsOn: '2022-03-01', extensionCount: 0 });
  });

  it('retracting a waiting-list exit reopens the entry; retracting the entry removes it', () => {
    const left = [...base, withId('e4', waitlistLeft())];
    expect(foldCase([...left, retracted('r1', 'e4')]).waitlist['wait-1']).toEqual({
      ...waitlisted().data,
      placedByEventId: 'e3',
      open: true,
    });
    expect(foldCase([...left, retracted('r1', 'e3')]).waitlist).toEqual({});
  });

  it('ignores corrections and retractions of unknown events', () => {
    const state = foldCase(base);
    expect(evolve(state, corrected('c1', 'nope', guardianAssigned().data))).toBe(state);
    expect(evolve(state, retracted('r1', 'nope'))).toBe(state);
  });

  it('findEntry knows only steps, not corrections or retractions', () => {
    const state = foldCase([...base, retracted('r1', 'e2')]);
    expect(findEntry(state, 'r1')).toBeUndefined();
    expect(findEntry(state, 'unknown')).toBeUndefined();
  });
});
