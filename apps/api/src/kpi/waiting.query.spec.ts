import type { DisclosurePolicy } from './disclosure';
import { tallyWaiting, type WaitingCase, waitingFigures } from './waiting.query';

const exact: DisclosurePolicy = { suppress: false, k: 3 };
const ASOF = '2024-03-31';

const waiting = (childRef: string, over: Partial<WaitingCase> = {}): WaitingCase => ({
  childRef,
  pronouncedOn: '2024-03-01',
  giNotifiedOn: '2024-03-02',
  waitingForHelp: true,
  waitingForProtector: false,
  waitlistSince: null,
  group: null,
  ...over,
});

describe('tallyWaiting', () => {
  it('counts a child with two waiting cases once, by the case that has waited longest for each figure', () => {
    const { whole } = tallyWaiting(
      [
        waiting('child-a', { pronouncedOn: '2024-03-21', waitlistSince: '2024-03-01' }),
        waiting('child-a', { pronouncedOn: '2024-03-11', waitlistSince: '2024-03-26' }),
        waiting('child-b', { waitingForHelp: false, waitingForProtector: true, giNotifiedOn: '2024-03-30' }),
        waiting('child-b', { waitingForHelp: false, waitingForProtector: true, giNotifiedOn: '2024-03-21' }),
      ],
      false,
    );
    const figures = waitingFigures(whole, ASOF, exact);
    expect(figures.waitingForHelp).toEqual({
      children: 1,
      onHelpWaitingList: 1,
      daysSincePronouncement: { count: 1, median: 20, p90: 20, max: 20 },
      daysOnWaitingList: { count: 1, median: 30, p90: 30, max: 30 },
    });
    expect(figures.waitingForProtector).toEqual({ children: 1, daysSinceNotification: { count: 1, median: 10, p90: 10, max: 10 } });
  });

  it('puts a case on the help waiting list only with a date it went on it', () => {
    const { whole } = tallyWaiting([waiting('child-a'), waiting('child-b', { waitlistSince: '2024-03-30' })], false);
    expect(waitingFigures(whole, ASOF, exact).waitingForHelp).toMatchObject({ children: 2, onHelpWaitingList: 1 });
  });

  it('counts a protector wait not yet notified to the GI as 0 days', () => {
    const { whole } = tallyWaiting([waiting('child-a', { waitingForHelp: false, waitingForProtector: true, giNotifiedOn: '2024-04-05' })], false);
    expect(waitingFigures(whole, ASOF, exact).waitingForProtector.daysSinceNotification).toEqual({ count: 1, median: 0, p90: 0, max: 0 });
  });

  it('counts a child once in each group it waits in and once in the whole; a case without a value in (none)', () => {
    const { whole, groups } = tallyWaiting(
      [waiting('child-a', { group: 'GM0599' }), waiting('child-a', { group: 'GM0489' }), waiting('child-b', { group: 'GM0599' }), waiting('child-c')],
      true,
    );
    expect(whole.forHelp.children).toBe(3);
    expect([...groups.entries()].map(([key, tally]) => [key, tally.forHelp.children])).toEqual([
      ['GM0599', 2],
      ['GM0489', 1],
      ['(none)', 1],
    ]);
  });

  it('makes no groups when none is asked', () => {
    expect(tallyWaiting([waiting('child-a', { group: 'GM0599' })], false).groups.size).toBe(0);
  });

  it('withholds the figures of fewer than K children from an analyst', () => {
    const { whole } = tallyWaiting([waiting('child-a'), waiting('child-b')], false);
    expect(waitingFigures(whole, ASOF, { suppress: true, k: 3 }).waitingForHelp).toEqual({
      children: null,
      onHelpWaitingList: 0,
      suppressed: true,
      daysSincePronouncement: { count: null, median: null, p90: null, max: null, suppressed: true },
      daysOnWaitingList: { count: 0, median: null, p90: null, max: null },
    });
  });
});
