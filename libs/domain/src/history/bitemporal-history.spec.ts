import type { CaseEvent } from '../case/case-events';
import { deadlineAdvanced, guardianAssigned, measureImposed, planAgreed } from '../case/testing/case-fixtures';
import { corrected, PROTECTOR_DUE, retracted } from '../norms/testing/norm-fixtures';
import { affectsOf, selectBitemporal, type HistoryEvent } from './bitemporal-history';

/**
 * Given events with recording times and business dates -> the subset an auditor sees. The default case of the
 * fixtures: pronounced 2021-03-01, GI notified 2021-03-03, protector due 2021-03-10.
 */
type Recorded = [recordedAt: string, event: CaseEvent | { type: string; data: unknown }];
const at = (recordedAt: Recorded[0], event: Recorded[1]): Recorded => [recordedAt, event];
/** Ids e1, e2, ... by log position, so corrections can refer to them. */
const history = (...events: Recorded[]): HistoryEvent[] =>
  events.map(([recordedAt, event], i) => ({ eventId: `e${i + 1}`, type: event.type, data: event.data, recordedAt }));
const ids = (events: HistoryEvent[]) => events.map((e) => e.eventId);
const NOW = { knownAt: null };
const kept = (events: HistoryEvent[], asOf: string, knownAt: string | null = null) =>
  ids(selectBitemporal(events, { asOf, knownAt }).events);

describe('knowledge time (knownAt)', () => {
  const log: Recorded[] = [
    at('2021-03-01T09:00:00.000Z', measureImposed()),
    at('2021-03-05T09:00:00.123Z', guardianAssigned({ assignedOn: '2021-03-05' })),
    at('2021-04-01T09:00:00.000Z', planAgreed({ agreedOn: '2021-04-01' })),
  ];
  const full = history(...log);

  it('keeps only what was recorded at or before knownAt, the boundary included', () => {
    expect(kept(full, '2021-09-01', '2021-03-05T09:00:00.123Z')).toEqual(['e1', 'e2']);
    expect(kept(full, '2021-09-01', '2021-03-05T09:00:00.122Z')).toEqual(['e1']);
  });

  it('compares instants, not strings: offsets and sub-millisecond digits', () => {
    // 10:00:00.1239+01:00 is 09:00:00.1239Z, which is after .123 (cut, never rounded up past it).
    expect(kept(full, '2021-09-01', '2021-03-05T10:00:00.1239+01:00')).toEqual(['e1', 'e2']);
  });

  it('shows the whole log without knownAt, and nothing known before the first record', () => {
    expect(kept(full, '2021-09-01')).toEqual(['e1', 'e2', 'e3']);
    const before = selectBitemporal(full, { asOf: '2021-09-01', knownAt: '2021-02-01T00:00:00Z' });
    expect(before.events).toEqual([]);
    expect(before.state.exists).toBe(false);
    expect(before.timeliness.protector.facts.reasons).toEqual(['NO_MEASURE']);
  });

  it('leaves out an event without a readable recordedAt unless nothing is filtered', () => {
    const events = history(...log, at('not a time', planAgreed()));
    expect(kept(events, '2021-09-01', '2030-01-01T00:00:00Z')).toEqual(['e1', 'e2', 'e3']);
    expect(selectBitemporal(events, { asOf: '2021-09-01', ...NOW }).events).toHaveLength(4);
  });
});

describe('business time (asOf)', () => {
  it('keeps the steps dated on or before asOf, and an undated advanced deadline whenever recorded', () => {
    const events = history(
      at('2021-03-01T09:00:00Z', measureImposed()),
      at('2021-03-02T09:00:00Z', deadlineAdvanced({ deadline: '2021-03-22' })),
      at('2021-03-20T09:00:00Z', guardianAssigned({ assignedOn: '2021-03-05' })),
      at('2021-04-01T09:00:00Z', planAgreed({ agreedOn: '2021-04-01' })),
    );
    const view = selectBitemporal(events, { asOf: '2021-03-31', ...NOW });
    expect(ids(view.events)).toEqual(['e1', 'e2', 'e3']);
    expect(view.state.entries.map((e) => e.type)).toEqual(['MeasureImposed', 'DeadlineAdvanced', 'GuardianAssigned']);
    expect(view.timeliness.plan).toMatchObject({ state: 'notMet', deadline: '2021-03-22' });
  });

  it('shows nothing of a case before its pronouncement', () => {
    const view = selectBitemporal(history(at('2021-03-01T09:00:00Z', measureImposed())), { asOf: '2021-02-28', ...NOW });
    expect(view.events).toEqual([]);
    expect(view.timeliness.help.state).toBe('notApplicable');
  });
});

describe('corrections and retractions', () => {
  // Assigned on 2021-03-12 (late), corrected on 2021-05-01 to 2021-03-09 (on time).
  const log: Recorded[] = [
    at('2021-03-01T09:00:00Z', measureImposed()),
    at('2021-03-12T09:00:00Z', guardianAssigned({ assignedOn: '2021-03-12' })),
    at('2021-05-01T09:00:00Z', corrected('e2', guardianAssigned({ assignedOn: '2021-03-09' }).data)),
  ];
  const full = history(...log);

  it('keeps a correction recorded later for a step that happened by asOf, and judges with the corrected data', () => {
    const view = selectBitemporal(full, { asOf: '2021-03-15', ...NOW });
    expect(ids(view.events)).toEqual(['e1', 'e2', 'e3']);
    expect(view.timeliness.protector).toMatchObject({ state: 'met', deadline: PROTECTOR_DUE, satisfiedOn: '2021-03-09' });
  });

  it('dates a step by the corrections known at knownAt', () => {
    // As of 2021-03-10 the step had happened only by the corrected date; before the correction nobody knew that.
    expect(kept(full, '2021-03-10')).toEqual(['e1', 'e2', 'e3']);
    const thenKnown = selectBitemporal(full, { asOf: '2021-03-10', knownAt: '2021-04-01T00:00:00Z' });
    expect(ids(thenKnown.events)).toEqual(['e1']);
    expect(thenKnown.timeliness.protector).toMatchObject({ state: 'pending', satisfiedOn: null });
  });

  it('drops a step with its correction when the correction moves it past asOf', () => {
    const events = history(
      at('2021-03-01T09:00:00Z', measureImposed()),
      at('2021-03-05T09:00:00Z', guardianAssigned({ assignedOn: '2021-03-05' })),
      at('2021-03-20T09:00:00Z', corrected('e2', guardianAssigned({ assignedOn: '2021-03-15' }).data)),
    );
    expect(kept(events, '2021-03-10')).toEqual(['e1']);
    expect(kept(events, '2021-03-10', '2021-03-19T00:00:00Z')).toEqual(['e1', 'e2']);
  });

  it('shows a retracted step with its retraction, but judges without it', () => {
    const events = history(...log, at('2021-06-01T09:00:00Z', retracted('e2')));
    const view = selectBitemporal(events, { asOf: '2021-04-01', ...NOW });
    expect(ids(view.events)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(view.state.currentProtectorRef).toBeUndefined();
    expect(view.timeliness.protector.state).toBe('notMet');
    expect(selectBitemporal(events, { asOf: '2021-04-01', knownAt: '2021-05-15T00:00:00Z' }).timeliness.protector.state).toBe('met');
  });

  it('drops a retraction of a step after asOf together with the step', () => {
    const events = history(
      at('2021-03-01T09:00:00Z', measureImposed()),
      at('2021-04-01T09:00:00Z', planAgreed({ agreedOn: '2021-04-01' })),
      at('2021-04-02T09:00:00Z', retracted('e2')),
    );
    expect(kept(events, '2021-03-31')).toEqual(['e1']);
  });

  it('names the event each correction or retraction affects', () => {
    const events = history(...log, at('2021-06-01T09:00:00Z', retracted('e2')));
    expect([...affectsOf(events)]).toEqual([
      ['e3', { eventId: 'e2', type: 'GuardianAssigned' }],
      ['e4', { eventId: 'e2', type: 'GuardianAssigned' }],
    ]);
  });
});

it('keeps an event of an unknown type when known, without folding it', () => {
  const events = history(at('2021-03-01T09:00:00Z', measureImposed()), at('2021-03-02T09:00:00Z', { type: 'SomethingNew', data: {} }));
  const view = selectBitemporal(events, { asOf: '2021-03-01', ...NOW });
  expect(ids(view.events)).toEqual(['e1', 'e2']);
  expect(view.state.entries).toHaveLength(1);
});

it('refuses a malformed asOf or knownAt', () => {
  expect(() => selectBitemporal([], { asOf: '2021-02-30', knownAt: null })).toThrow(RangeError);
  expect(() => selectBitemporal([], { asOf: '2021-03-01', knownAt: '2021-03-01' })).toThrow(RangeError);
});
