import { foldCase, type RecordedCaseEvent } from '@app/domain';
import {
  guardianAssigned,
  measureEnded,
  measureImposed,
  waitlisted,
  waitlistLeft,
  withId,
} from '@app/domain/case/testing/case-fixtures';
import { caseStateColumns } from './case-summary-view';
import { waitlistRows } from './waitlist-view';
import { amsterdamDateOf, recordedAtOf } from './case-change';

/** The pure parts of the case read models: state in, row values out. */
const fold = (...events: RecordedCaseEvent[]) => foldCase(events);

describe('caseStateColumns', () => {
  it('is all nulls for a case that does not exist', () => {
    expect(Object.values(caseStateColumns(fold())).every((value) => value === null)).toBe(true);
  });

  it('takes the end reason and the latest step date from the effective entries only', () => {
    const state = fold(
      withId('e1', measureImposed()),
      withId('e2', guardianAssigned({ assignedOn: '2021-03-05' })),
      withId('e3', measureEnded({ endedOn: '2021-08-25', reason: 'CAME_OF_AGE' })),
    );
    expect(caseStateColumns(state)).toMatchObject({ ended_on: '2021-08-25', end_reason: 'CAME_OF_AGE', last_step_on: '2021-08-25' });
    const retracted = foldCase([
      ...state.entries.map((e) => ({ type: e.type, data: e.data, eventId: e.eventId }) as RecordedCaseEvent),
      { type: 'EntryRetracted', data: { retractsEventId: 'e3', reason: 'appeal' }, eventId: 'e4' },
    ]);
    expect(caseStateColumns(retracted)).toMatchObject({ ended_on: null, end_reason: null, last_step_on: '2021-03-05' });
  });
});

describe('waitlistRows', () => {
  it('keeps a retracted entry as a flagged row and drops a duplicate entry id the domain ignores', () => {
    const state = fold(
      withId('e1', measureImposed()),
      withId('e2', waitlisted({ entryId: 'w-1' })),
      withId('e3', waitlisted({ entryId: 'w-1', since: '2021-05-01' })),
      withId('e4', waitlistLeft({ entryId: 'w-1', leftOn: '2021-06-01' })),
      withId('e5', waitlisted({ entryId: 'w-2' })),
      { type: 'EntryRetracted', data: { retractsEventId: 'e5', reason: 'wrong case' }, eventId: 'e6' },
    );
    expect(waitlistRows('c1', state).map((r) => [r.placed_by_event_id, r.entry_id, r.left_on, r.retracted])).toEqual([
      ['e2', 'w-1', '2021-06-01', 0],
      ['e5', 'w-2', null, 1],
    ]);
  });
});

describe('recording time', () => {
  const stored = { metadata: {}, storedAt: new Date('2021-03-05T10:00:00Z') };

  it('prefers metadata.recordedAt, normalised, and falls back to the store clock', () => {
    expect(recordedAtOf({ ...stored, metadata: { recordedAt: '2021-03-04T10:00:00+01:00' } } as never)).toBe('2021-03-04T09:00:00.000Z');
    expect(recordedAtOf({ ...stored, metadata: { recordedAt: 'yesterday' } } as never)).toBe('2021-03-05T10:00:00.000Z');
    expect(recordedAtOf(stored as never)).toBe('2021-03-05T10:00:00.000Z');
  });

  it('dates it in Amsterdam, summer time included', () => {
    expect(amsterdamDateOf('2021-03-05T22:59:59.000Z')).toBe('2021-03-05');
    expect(amsterdamDateOf('2021-03-05T23:00:00.000Z')).toBe('2021-03-06');
    expect(amsterdamDateOf('2021-07-01T22:00:00.000Z')).toBe('2021-07-02');
  });

  it('gives every instant of a UTC hour the same date, around both clock changes too (it remembers dates by hour)', () => {
    for (const [instant, date] of [
      ['2021-03-27T22:00:00.000Z', '2021-03-27'], // 23:00 CET
      ['2021-03-27T22:59:59.999Z', '2021-03-27'],
      ['2021-03-27T23:00:00.000Z', '2021-03-28'],
      ['2021-03-28T01:30:00.000Z', '2021-03-28'], // 03:30 CEST, just after the change
      ['2021-10-30T21:59:59.000Z', '2021-10-30'], // 23:59:59 CEST
      ['2021-10-30T22:00:00.000Z', '2021-10-31'],
      ['2021-10-31T00:30:00.000Z', '2021-10-31'], // 02:30 CEST, the hour that comes twice
      ['2021-10-31T01:30:00.000Z', '2021-10-31'], // 02:30 CET
      ['2021-12-31T22:59:59Z', '2021-12-31'], // no milliseconds
      ['2021-12-31T23:00:00.5Z', '2022-01-01'],
    ]) {
      expect([instant, amsterdamDateOf(instant)]).toEqual([instant, date]);
      expect([instant, amsterdamDateOf(instant)]).toEqual([instant, date]);
    }
  });
});
