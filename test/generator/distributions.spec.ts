import {
  CASE_EVENT_TYPES,
  type CaseEvent,
  type CaseEventType,
  daysBetween,
  INSTITUTIONS,
  municipalitiesOn,
  stepDate,
} from '@app/domain';
import { type ChainEvent, verifyChain } from '@app/domain/integrity';
import { emptyStats, type GeneratedEvent, plannedSize, PROFILES, simulate } from '@app/case-generator';
import { foldGenerated, type FoldedCase, timelinessOf } from './support/log-analysis';

/**
 * One whole rijnmond-year run (seed 1), judged the way the service judges it: the real norm engine, the real
 * chain check. The bounds come from the sources the README's "Synthetic data" section names.
 */
const profile = PROFILES['rijnmond-year'];
const stats = emptyStats();
let events: GeneratedEvent[];
let cases: FoldedCase[];

beforeAll(() => {
  events = [...simulate(profile, 1, { stats })];
  cases = [...foldGenerated(events).values()];
}, 120_000);

const ofType = <T extends CaseEventType>(type: T) =>
  events.filter((e) => e.event.type === type).map((e) => e.event.data as Extract<CaseEvent, { type: T }>['data']);
const distinct = <T>(values: T[]): Set<T> => new Set(values);
const inWindow = () => cases.filter((c) => c.state.pronouncedOn! >= profile.windowStart);

describe('a generated rijnmond-year', () => {
  it('was decided in full: the domain refused nothing, so the run is exactly the plan', () => {
    expect(stats.refused).toEqual({});
    expect({ cases: stats.cases, events: events.length }).toEqual(plannedSize(profile, 1));
  });

  it('has about 1,100 new measures in the year in the mix of seed 000, beside the stock running into it', () => {
    const inflow = inWindow();
    const count = (...types: string[]) => inflow.filter((c) => types.includes(c.state.measureType!)).length;
    expect(inflow.length).toBeGreaterThan(1105 * 0.9);
    expect(inflow.length).toBeLessThan(1105 * 1.1);
    expect(count('OTS', 'VOORLOPIGE_OTS') / 537).toBeCloseTo(1, 0);
    expect(Math.abs(count('OTS', 'VOORLOPIGE_OTS') - 537)).toBeLessThan(537 * 0.15);
    expect(Math.abs(count('JEUGDRECLASSERING') - 501)).toBeLessThan(501 * 0.15);
    expect(Math.abs(count('VOOGDIJ', 'VOORLOPIGE_VOOGDIJ') - 67)).toBeLessThan(67 * 0.4);
    expect(count('VOORLOPIGE_OTS')).toBeGreaterThan(30);
    expect(count('VOORLOPIGE_VOOGDIJ')).toBeGreaterThan(5);
    const runningOnNewYear = cases.filter((c) => c.state.pronouncedOn! < profile.windowStart).length;
    expect(runningOnNewYear).toBe(stats.stockCases);
    expect(runningOnNewYear).toBeGreaterThan(1500);
    expect(runningOnNewYear).toBeLessThan(2300);
  });

  it('judged by the norm engine: a protector on time in about 9 of 10 cases, appropriate help in about 4 of 10', () => {
    const verdicts = timelinessOf(cases, profile.windowStart, profile.horizon, profile.horizon);
    expect(verdicts.protector.percentMet).toBeGreaterThan(85);
    expect(verdicts.protector.percentMet).toBeLessThan(95);
    expect(verdicts.help.percentMet).toBeGreaterThan(33);
    expect(verdicts.help.percentMet).toBeLessThan(47);
    expect(verdicts.plan.percentMet).toBeGreaterThan(80);
    expect(verdicts.plan.percentMet).toBeLessThan(93);
    expect(verdicts.fixedProtector.percentMet).toBeGreaterThan(90);
    // Comply or explain: some missed deadlines carry an explanation.
    expect(verdicts.help.explained).toBeGreaterThan(50);
    expect(verdicts.plan.explained).toBeGreaterThan(20);
    expect(verdicts.protector.explained).toBeGreaterThan(10);
  });

  it('covers the region: every municipality that existed in the period, Rotterdam by far the largest', () => {
    const years = Array.from({ length: 9 }, (_, i) => `${2017 + i}-07-01`);
    const existing = new Set(years.flatMap((d) => municipalitiesOn(d).map((m) => m.code)));
    const byCode = new Map<string, number>();
    for (const c of cases) byCode.set(c.state.municipalityCode!, (byCode.get(c.state.municipalityCode!) ?? 0) + 1);
    expect(new Set(byCode.keys())).toEqual(existing);
    expect(existing.size).toBe(16); // 15 until 2022, Voorne aan Zee from 2023
    expect(byCode.get('GM0599')! / cases.length).toBeGreaterThan(0.5);
    // Merged municipalities only on measures pronounced while they existed (the decider would refuse others).
    for (const c of cases.filter((c) => ['GM0501', 'GM0530', 'GM0614'].includes(c.state.municipalityCode!))) {
      expect(c.state.pronouncedOn! <= '2022-12-31').toBe(true);
    }
    expect(cases.filter((c) => c.state.municipalityCode === 'GM1992').every((c) => c.state.pronouncedOn! >= '2023-01-01')).toBe(true);
    const byInstitution = INSTITUTIONS.map((gi) => cases.filter((c) => c.state.institution === gi).length);
    expect(byInstitution.every((n) => n > 100)).toBe(true);
    expect(byInstitution[0]).toBe(Math.max(...byInstitution));
  });

  it('holds every kind of step the issue lists', () => {
    expect(distinct(events.map((e) => e.event.type))).toEqual(new Set(CASE_EVENT_TYPES));
    expect(distinct(ofType('GuardianAssigned').map((d) => d.reason))).toEqual(distinct(['INITIAL', 'PLANNED_HANDOVER', 'TURNOVER', 'ILLNESS', 'OTHER']));
    const waits = ofType('Waitlisted');
    expect(distinct(waits.map((d) => d.waitingFor))).toEqual(distinct(['PROTECTOR', 'HELP']));
    expect(distinct(waits.map((d) => d.reason))).toEqual(distinct(['CAPACITY', 'BUDGET_CEILING', 'ADMISSION_STOP', 'AFTER_INTAKE', 'OTHER']));
    expect(distinct(ofType('WaitlistLeft').map((d) => d.outcome))).toEqual(distinct(['HELP_STARTED', 'PROTECTOR_ASSIGNED', 'CANCELLED', 'REJECTED']));
    expect(distinct(ofType('DeadlineExplained').map((d) => d.norm))).toEqual(distinct(['PROTECTOR', 'PLAN', 'HELP']));
    expect(distinct(ofType('DeadlineAdvanced').map((d) => d.norm))).toEqual(distinct(['PLAN', 'HELP']));
    expect(distinct(ofType('MeasureExtended').map((d) => d.reason))).toEqual(distinct(['HELP_NOT_STARTED', 'GOALS_NOT_MET', 'OTHER']));
    const ends = distinct(ofType('MeasureEnded').map((d) => d.reason));
    for (const reason of ['OTS_LIFTED_EARLY', 'OTS_NOT_EXTENDED', 'CAME_OF_AGE', 'TRANSFERRED_TO_FOSTER_PARENTS', 'TERM_EXPIRED', 'RETURNED_TO_PROSECUTOR', 'COURT_DECISION']) {
      expect(ends).toContain(reason);
    }
    const starts = ofType('HelpStarted');
    expect(starts.filter((d) => d.bridging).length).toBeGreaterThan(50);
    expect(distinct(starts.map((d) => d.helpType)).size).toBeGreaterThanOrEqual(10);
  });

  it('has plans with and without the family, help running before the measure, and intakes followed by a wait', () => {
    const plans = ofType('PlanAgreed');
    const withFamily = plans.filter((d) => d.participants.includes('CHILD') || d.participants.includes('PARENTS'));
    expect(withFamily.length).toBeGreaterThan(plans.length * 0.8);
    expect(plans.length - withFamily.length).toBeGreaterThan(100);
    const before = cases.filter((c) =>
      c.state.entries.some((e) => e.type === 'HelpStarted' && !e.data.bridging && e.data.startedOn < c.state.pronouncedOn!),
    );
    expect(before.length).toBeGreaterThan(50);
    const intakeThenWait = cases.filter((c) =>
      Object.values(c.state.waitlist).some(
        (w) =>
          w.reason === 'AFTER_INTAKE' &&
          c.state.entries.some((e) => e.type === 'HelpStarted' && e.data.provider === w.provider && e.data.startedOn <= w.since),
      ),
    );
    expect(intakeThenWait.length).toBeGreaterThan(50);
  });

  it('has mistakes put right: corrections of each kind of entry, and retracted double registrations', () => {
    const byId = new Map(events.map((e) => [e.event.eventId, e.event.type]));
    const corrected = distinct(ofType('EntryCorrected').map((d) => byId.get(d.correctsEventId)));
    expect(corrected).toEqual(distinct(['MeasureImposed', 'GuardianAssigned', 'HelpStarted', 'PlanAgreed']));
    const retracted = ofType('EntryRetracted').map((d) => byId.get(d.retractsEventId));
    expect(retracted.length).toBeGreaterThan(20);
    expect(cases.flatMap((c) => c.state.entries).filter((e) => e.retracted)).toHaveLength(retracted.length);
  });

  it('records steps a few days after they happen, some later than the 21 days of seed 001, never before', () => {
    const lags = events.flatMap(({ event }) => {
      const data = event.data as { startedOn?: string };
      if (event.type === 'EntryCorrected' || event.type === 'EntryRetracted' || event.type === 'DeadlineAdvanced') return [];
      // Help running before the measure is recorded once the case is: not a registration lag.
      const happened = stepDate({ type: event.type, data, eventId: event.eventId, retracted: false, correctedBy: [] } as never);
      return happened ? [daysBetween(happened, event.metadata.recordedAt.slice(0, 10))] : [];
    });
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(0);
    const late = lags.filter((lag) => lag > 21).length / lags.length;
    expect(late).toBeGreaterThan(0.02);
    expect(late).toBeLessThan(0.1);
    expect(lags.filter((lag) => lag <= 7).length / lags.length).toBeGreaterThan(0.8);
  });

  it("carries the api's metadata: recorded by a protector of the case's GI, correlated, sealed in an unbroken chain", () => {
    const institutionOf = new Map(cases.map((c) => [c.caseId, c.state.institution]));
    const KEYS = 'eventId,schemaVersion,recordedAt,actor,correlationId,causationId,integrity';
    const odd = events.filter(({ event, caseId, requestId }) => {
      const { actor, causationId, correlationId } = event.metadata;
      return (
        Object.keys(event.metadata).join(',') !== KEYS ||
        Object.keys(actor).join(',') !== 'sub,role,institution' ||
        actor.role !== 'protector' ||
        actor.institution !== institutionOf.get(caseId) ||
        causationId !== requestId ||
        correlationId !== requestId
      );
    });
    expect(odd.map((e) => e.event.metadata)).toEqual([]);
    const streams = new Map<string, ChainEvent[]>();
    for (const { streamId, revision, event } of events) {
      const chain = streams.get(streamId) ?? [];
      chain.push({ streamId, revision, eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata, position: String(chain.length) });
      streams.set(streamId, chain);
    }
    const broken = [...streams.values()].map(verifyChain).filter((verdict) => !verdict.ok);
    expect(broken).toEqual([]);
  });
});
