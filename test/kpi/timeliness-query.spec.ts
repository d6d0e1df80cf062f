import { addDays, CASE_EVENT_TYPES, evolve, initialCaseState, NORM_KEYS, type RecordedCaseEvent } from '@app/domain';
import { CASE_STREAM_PREFIX } from '@app/event-store';
import type { ReadModelDatabase } from '@app/read-models';
import { MAX_PERIOD_DAYS_BY_SEEK, type TimelinessParams, timelinessCounts } from '../../apps/api/src/kpi/timeliness.query';
import { type FoldedCase, timelinessOf } from '../generator/support/log-analysis';
import { CaseLog } from '../read-models/support/case-log';
import { generateCaseLog } from '../read-models/support/generated-log';
import { describeOnReadModelDatabases, type ReadModelTarget } from '../read-models/support/read-model-databases';
import { Runners } from '../read-models/support/runners';

/**
 * The timeliness query reads a period's runs of equal verdicts in two parts, the runs still open and those that
 * end after its date, seeking per day of the period (or, past MAX_PERIOD_DAYS_BY_SEEK days, in one range). Its
 * counts must be the norm engine's, for every case pronounced in the period, on dates where runs end and on the
 * days before, in total and per group.
 */
describeOnReadModelDatabases('timeliness query', (databases) => {
  const runners = new Runners();
  const log = new CaseLog();
  const cases = new Map<string, FoldedCase>();
  let target: ReadModelTarget;
  let database: ReadModelDatabase;
  let runEnds: string[];

  beforeAll(async () => {
    await generateCaseLog(log, { cases: 60, seed: 23 });
    const known = new Set<string>(CASE_EVENT_TYPES);
    for await (const stored of log.store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) {
      if (!known.has(stored.type)) continue;
      const event = { eventId: stored.eventId, type: stored.type, data: stored.data } as RecordedCaseEvent;
      const folded = cases.get(stored.streamId) ?? { caseId: stored.streamId, state: initialCaseState, events: 0 };
      cases.set(stored.streamId, { ...folded, state: evolve(folded.state, event), events: folded.events + 1 });
    }
    target = await databases.newTarget();
    database = await target.open();
    await runners.runToEnd(log, database);
    const ends = await database.db
      .selectFrom('case_status_segments')
      .select('verdict_span_until')
      .distinct()
      .where('opens_verdict_span', '=', 1)
      .where('verdict_span_until', 'is not', null)
      .orderBy('verdict_span_until')
      .execute();
    runEnds = ends.map((row) => row.verdict_span_until!);
  }, 60_000);
  // The harness closes what a test opened after each test; the projected database stays and is opened again.
  beforeEach(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await runners.stopAll();
    await log.close();
  });

  const expectEngineCounts = async (params: TimelinessParams) => {
    const { total } = await timelinessCounts(database.db, params);
    const expected = timelinessOf(cases.values(), params.from, params.to, params.asOf);
    for (const norm of NORM_KEYS) {
      const { percentMet: _, ...counts } = expected[norm];
      expect({ ...params, norm, ...total[norm] }).toEqual({ ...params, norm, ...counts });
    }
  };

  it('counts as the norm engine judges, on the days runs end and the days before them', async () => {
    // Not trivially right: runs end on many dates, so both parts of the query hold cases on most of them.
    expect(runEnds.length).toBeGreaterThan(20);
    const picked = runEnds.filter((_, i) => i % Math.ceil(runEnds.length / 12) === 0);
    for (const end of picked) {
      for (const asOf of [addDays(end, -1), end]) await expectEngineCounts({ from: '2021-01-01', to: '2021-06-30', asOf });
    }
  });

  it('counts one day, a month, a period judged before it starts, and a period longer than the seeks cover', async () => {
    const pronounced = [...cases.values()].map(({ state }) => state.pronouncedOn!).sort();
    const busiest = pronounced[Math.floor(pronounced.length / 2)];
    await expectEngineCounts({ from: busiest, to: busiest, asOf: '2021-09-01' });
    await expectEngineCounts({ from: '2021-02-01', to: '2021-02-28', asOf: '2021-03-15' });
    await expectEngineCounts({ from: '2021-02-01', to: '2021-05-31', asOf: '2021-01-15' });
    // Two centuries: more days than either database takes bound parameters in one statement.
    const long = { from: '1901-01-01', to: '2100-12-31', asOf: '2021-08-01' };
    expect(Math.round((Date.parse(long.to) - Date.parse(long.from)) / 86_400_000)).toBeGreaterThan(MAX_PERIOD_DAYS_BY_SEEK);
    await expectEngineCounts(long);
    await expectEngineCounts({ ...long, from: addDays('2030-12-31', -(MAX_PERIOD_DAYS_BY_SEEK - 1)), to: '2030-12-31' });
  });

  const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
  const GROUPS = {
    institution: (state: FoldedCase['state']) => state.institution!,
    month: (state: FoldedCase['state']) => state.pronouncedOn!.slice(0, 7),
    quarter: (state: FoldedCase['state']) => quarterOf(state.pronouncedOn!),
  } as const;

  it.each(Object.keys(GROUPS) as Array<keyof typeof GROUPS>)('counts each group by %s as the norm engine judges the cases in it', async (groupBy) => {
    const params = { from: '2021-01-01', to: '2021-12-31', asOf: '2021-07-01', groupBy };
    const { groups } = await timelinessCounts(database.db, params);
    const keyOf = GROUPS[groupBy];
    const keys = new Set([...cases.values()].map(({ state }) => keyOf(state)));
    expect(keys.size).toBeGreaterThan(1);
    expect([...groups.keys()].sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const inGroup = [...cases.values()].filter(({ state }) => keyOf(state) === key);
      const expected = timelinessOf(inGroup, params.from, params.to, params.asOf);
      for (const norm of NORM_KEYS) {
        const { percentMet: _, ...counts } = expected[norm];
        expect({ key, norm, ...groups.get(key)![norm] }).toEqual({ key, norm, ...counts });
      }
    }
  });
});
