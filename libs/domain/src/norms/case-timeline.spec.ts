import type { BusinessDate, RecordedCaseEvent } from '../case/case-events';
import { foldCase, type CaseState } from '../case/case-state';
import { compareDates, isBefore, isOnOrBefore } from '../dates/business-date';
import { caseTimeline, segmentAt, TIMELINE_START, type CaseStatus, type CaseStatusSegment } from './case-timeline';
import { evaluateNorms } from './evaluate-norms';
import { referenceCaseTimeline } from './testing/reference-timeline';
import { retracted, stream } from './testing/norm-fixtures';
import { datesAround, randomCase, SIMPLE_CASE, TIMELINE_CASES } from './testing/timeline-cases';


/**
 * The status on a date, straight from the engine (verdicts) and from the BRIEF's plain definitions over the
 * effective entries - independent of case-timeline's own code, so the two can be compared date by date.
 */
const expectedStatus = (state: CaseState, d: BusinessDate): CaseStatus => {
  const t = evaluateNorms(state, d);
  const live = state.entries.filter((e) => !e.retracted);
  type Live = (typeof live)[number];
  const on = <T extends Live['type']>(type: T) => live.filter((e) => e.type === type) as Extract<Live, { type: T }>[];
  const measureActive =
    on('MeasureImposed').some((e) => isOnOrBefore(e.data.pronouncedOn, d)) &&
    !on('MeasureEnded').some((e) => isOnOrBefore(e.data.endedOn, d));
  const endedOn = on('MeasureEnded').find((e) => isOnOrBefore(e.data.endedOn, d))?.data.endedOn;
  const horizon = endedOn && isBefore(endedOn, d) ? endedOn : d;
  // A qualifying start: neither bridging nor unmasked as an intake (the engine's facts name those), by the horizon.
  const helpStarted =
    t.help.facts.reasons[0] !== 'NO_MEASURE' &&
    on('HelpStarted').some(
      (e) =>
        isOnOrBefore(e.data.startedOn, horizon) &&
        !t.help.facts.bridgingIds.includes(e.eventId) &&
        !t.help.facts.intakeIds.includes(e.eventId),
    );
  const assignedByThen = on('GuardianAssigned').filter((e) => isOnOrBefore(e.data.assignedOn, d));
  const protectorAssigned = assignedByThen.length > 0;
  // The latest assignment date holds; on a tie the one recorded later (log order).
  const holder = assignedByThen.reduce<(typeof assignedByThen)[number] | undefined>(
    (best, e) => (best === undefined || !isOnOrBefore(e.data.assignedOn, best.data.assignedOn) || e.data.assignedOn === best.data.assignedOn ? e : best),
    undefined,
  );
  const open = on('Waitlisted').filter(
    (e) =>
      isOnOrBefore(e.data.since, d) &&
      !on('WaitlistLeft').some((l) => l.data.entryId === e.data.entryId && isOnOrBefore(l.data.leftOn, d)),
  );
  const help = open
    .filter((e) => e.data.waitingFor === 'HELP')
    .sort((a, b) => compareDates(a.data.since, b.data.since))[0]; // stable: log order on a tie
  return {
    protector: t.protector.state,
    fixedProtector: t.fixedProtector.state,
    plan: t.plan.state,
    help: t.help.state,
    protectorDeadline: t.protector.deadline,
    planDeadline: t.plan.deadline,
    helpDeadline: t.help.deadline,
    measureActive,
    helpStarted,
    waitingForHelp: measureActive && !helpStarted,
    protectorAssigned,
    protectorRef: holder?.data.protectorRef ?? null,
    waitingForProtector: measureActive && (!protectorAssigned || open.some((e) => e.data.waitingFor === 'PROTECTOR')),
    helpWaitlist: help
      ? {
          entryId: help.data.entryId,
          since: help.data.since,
          helpType: help.data.helpType ?? null,
          provider: help.data.provider ?? null,
          reason: help.data.reason ?? null,
        }
      : null,
  };
};

const statusOf = ({ from: _from, until: _until, ...status }: CaseStatusSegment): CaseStatus => status;

const expectWellFormed = (segments: CaseStatusSegment[]): void => {
  expect(segments[0].from).toBe(TIMELINE_START);
  expect(segments.at(-1)!.until).toBeNull();
  segments.slice(0, -1).forEach((segment, i) => {
    expect(isBefore(segment.from, segment.until!)).toBe(true);
    expect(segment.until).toBe(segments[i + 1].from); // contiguous, so ordered and non-overlapping
    expect(statusOf(segment)).not.toEqual(statusOf(segments[i + 1])); // merged: no two equal neighbours
  });
};

/** Every date from 30 days before the pronouncement to 500 after it. */
const expectMatchesEveryDay = (events: RecordedCaseEvent[]): void => {
  const state = foldCase(events);
  const segments = caseTimeline(state);
  expectWellFormed(segments);
  const pronouncedOn = state.pronouncedOn ?? '2021-03-01';
  for (const d of datesAround(pronouncedOn, 30, 500)) {
    const segment = segmentAt(segments, d);
    expect(segment && isOnOrBefore(segment.from, d)).toBe(true);
    // The date is part of both sides so that a failure names it.
    expect({ d, ...statusOf(segment!) }).toEqual({ d, ...expectedStatus(state, d) });
  }
};

describe('caseTimeline', () => {
  it.each(TIMELINE_CASES)('agrees with evaluateNorms and the definitions on every day: %s', (_why, events) => {
    expectMatchesEveryDay(events);
  });

  it.each(Array.from({ length: 40 }, (_, seed) => [seed]))(
    'agrees on every day for random history #%i (corrections, retractions, ends included)',
    (seed) => {
      expectMatchesEveryDay(randomCase(seed));
    },
  );

  it('describes a simple on-time case in five segments', () => {
    const segments = caseTimeline(foldCase(SIMPLE_CASE));
    const deadlines = { protectorDeadline: '2021-03-10', planDeadline: '2021-04-12', helpDeadline: '2021-06-01' };
    const none = { protectorDeadline: null, planDeadline: null, helpDeadline: null };
    const row = (from: string, until: string | null, states: string, flags: string, dl: object = deadlines) => {
      const [protector, fixedProtector, plan, help] = states.split(' ');
      const [measureActive, helpStarted, protectorAssigned] = flags.split(' ').map((flag) => flag === 'y');
      return {
        from, until, protector, fixedProtector, plan, help, ...dl,
        measureActive, helpStarted, protectorAssigned, protectorRef: protectorAssigned ? 'p-1' : null, helpWaitlist: null,
        waitingForHelp: measureActive && !helpStarted,
        waitingForProtector: measureActive && !protectorAssigned,
      };
    };
    const na = 'notApplicable notApplicable notApplicable notApplicable';
    expect(segments).toEqual([
      row(TIMELINE_START, '2021-03-01', na, 'n n n', none),
      row('2021-03-01', '2021-03-05', 'pending pending pending pending', 'y n n'),
      row('2021-03-05', '2021-04-01', 'met met pending pending', 'y n y'),
      row('2021-04-01', '2021-05-10', 'met met met pending', 'y n y'),
      row('2021-05-10', null, 'met met met met', 'y y y'),
    ]);
  });

  it('keeps rich histories to a few dozen segments', () => {
    for (const [, events] of TIMELINE_CASES) expect(caseTimeline(foldCase(events)).length).toBeLessThan(30);
  });

  it('has no segments for a case that does not exist', () => {
    expect(caseTimeline(foldCase([]))).toEqual([]);
  });

  it('gives one open segment when the measure was retracted', () => {
    // A retracted measure (a fold can hold one) leaves a case that exists but never has a measure.
    const segments = caseTimeline(foldCase(stream(SIMPLE_CASE[0], retracted('e1'))));
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ from: TIMELINE_START, until: null, measureActive: false });
  });
});

describe('caseTimeline against the reference (every view derived from scratch)', () => {
  // The incremental timeline must give exactly the segments of the straightforward one, which the day-by-day
  // tests above pin to the engine: compared whole, on many more histories than those can afford.
  const prefixes = (events: RecordedCaseEvent[]) => events.map((_, n) => events.slice(0, n + 1));
  it.each([
    // Every prefix of the stream too: the live runner folds cases an event at a time.
    ['hand-written', TIMELINE_CASES.flatMap(([, events]) => prefixes(events))],
    ['random', Array.from({ length: 300 }, (_, seed) => prefixes(randomCase(1000 + seed))).flat()],
    ['longer random, several ends', Array.from({ length: 300 }, (_, seed) => randomCase(5000 + seed, { longer: true }))],
  ])('gives the same segments: %s histories', (_kind, histories) => {
    for (const events of histories) {
      const state = foldCase(events);
      expect(caseTimeline(state)).toEqual(referenceCaseTimeline(state));
    }
  });
});

describe('segmentAt', () => {
  const segments = caseTimeline(foldCase(SIMPLE_CASE));

  it.each([
    ['0001-01-01', TIMELINE_START],
    ['2021-02-28', TIMELINE_START],
    ['2021-03-01', '2021-03-01'],
    ['2021-03-04', '2021-03-01'],
    ['2021-03-05', '2021-03-05'],
    ['2021-05-09', '2021-04-01'],
    ['9999-12-31', '2021-05-10'],
  ])('finds the segment of %s (from %s)', (date, from) => {
    expect(segmentAt(segments, date)?.from).toBe(from);
  });

  it('finds nothing in no segments, and refuses a non-date', () => {
    expect(segmentAt([], '2021-03-01')).toBeUndefined();
    expect(() => segmentAt(segments, '2021-02-30')).toThrow(RangeError);
  });
});
