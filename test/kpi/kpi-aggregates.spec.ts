import { type Insertable, sql } from 'kysely';
import { caseReadModelProjections, type CaseStatusSegmentTable, ProjectionApplyError, READ_MODEL_MIGRATIONS, type ReadModelDatabase, rebuildReadModels } from '@app/read-models';
import { KPI_AGGREGATES, missingKpiAggregates, triggerNames } from '@app/read-models/kpi-aggregates';
import { SEGMENT_CASE_COLUMNS } from '@app/read-models/database/migrations/0008-segment-case-columns';
import { SEGMENT_CASE_COLUMNS_0010 } from '@app/read-models/database/migrations/0010-segments-by-pronouncement';
import { SEGMENT_COLUMNS_0011 } from '@app/read-models/database/migrations/0011-segment-length-class';
import { SEGMENT_COLUMNS_0013 } from '@app/read-models/database/migrations/0013-verdict-spans';
import { SEGMENT_COLUMNS_0016 } from '@app/read-models/database/migrations/0016-verdict-span-ends';
import { inflowDays, inflowDaysFromCases } from '../../apps/api/src/kpi/inflow-days.query';
import { inflowSeries, intervals } from '../../apps/api/src/kpi/period-queries';
import { registrationLag, registrationLagFromSteps } from '../../apps/api/src/kpi/registration-lag.query';
import { caseProjectionDyingAt } from '../read-models/support/dying-projection';
import { CaseLog } from '../read-models/support/case-log';
import { generateCaseLog } from '../read-models/support/generated-log';
import { describeOnReadModelDatabases } from '../read-models/support/read-model-databases';
import { Runners } from '../read-models/support/runners';
import { aggregatesAsStored, aggregatesFromBaseTables, EMPTY_AGGREGATES } from './kpi-aggregates-reference';

/**
 * The KPI pre-aggregates (migrations 0006 and 0007, kpi-aggregates/) against plain GROUP BYs over their base tables, on
 * real SQLite and PostgreSQL: after the runner applied a log with corrections and retractions, after a rebuild,
 * after base rows were updated and deleted by hand, and after their triggers went missing.
 */
describeOnReadModelDatabases('KPI aggregates', (databases) => {
  const runners = new Runners();
  let log: CaseLog;

  beforeAll(async () => {
    log = new CaseLog();
    await generateCaseLog(log, { cases: 40, seed: 23 });
  });
  afterAll(() => log.close());
  afterEach(() => runners.stopAll());

  const expectConsistent = async (database: ReadModelDatabase) => {
    const stored = await aggregatesAsStored(database.db);
    expect(stored).toEqual(await aggregatesFromBaseTables(database.db));
    return stored;
  };
  const rebuild = (database: ReadModelDatabase, projections = caseReadModelProjections()) =>
    rebuildReadModels({ store: log.store, database, projections, batchSize: 40, order: 'stream' });

  it('follow the runner through a log with corrections and retractions, and give the same KPI answers', async () => {
    const database = await databases.openFresh();
    await runners.runToEnd(log, database);
    const stored = await expectConsistent(database);
    expect(stored.step_lag_days.length).toBeGreaterThan(0);
    expect(stored.case_inflow_days.some((r) => r.gone > 0)).toBe(true);
    expect(stored.active_measure_deltas.some((r) => r.delta < 0)).toBe(true);
    // The log did retract and correct registrations (else this test would prove less than it says).
    const retracted = await database.db.selectFrom('step_registrations').where('retracted', '=', 1).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(retracted.n)).toBeGreaterThan(0);

    for (const range of [{}, { from: '2021-02-01' }, { from: '2021-01-10', to: '2021-03-31' }, { to: '2020-12-31' }]) {
      expect(await registrationLag(database.db, { ...range, limitDays: 21 })).toEqual(await registrationLagFromSteps(database.db, { ...range, limitDays: 21 }));
    }
    // Another limit than the aggregate's counts the registrations themselves.
    expect(await registrationLag(database.db, { limitDays: 3 })).toEqual(await registrationLagFromSteps(database.db, { limitDays: 3 }));
    for (const interval of ['month', 'quarter'] as const) {
      for (const byType of [true, false]) {
        const periods = intervals('2020-11-15', '2022-08-31', interval);
        expect(await inflowSeries(database.db, periods, byType)).toEqual(await inflowSeries(database.db, periods, byType, inflowDaysFromCases));
      }
    }
    const sorted = (days: Awaited<ReturnType<typeof inflowDays>>) => ({
      pronounced: [...days.pronounced].sort((a, b) => `${a.day}${a.measureType}`.localeCompare(`${b.day}${b.measureType}`)),
      gone: [...days.gone].sort((a, b) => `${a.day}${a.measureType}`.localeCompare(`${b.day}${b.measureType}`)),
    });
    expect(sorted(await inflowDays(database.db, '2021-04-01'))).toEqual(sorted(await inflowDaysFromCases(database.db, '2021-04-01')));
  });

  it('are recomputed at the end of a rebuild, without triggers during it, and after a failed one by the next', async () => {
    const target = await databases.newTarget();
    const database = await target.open();
    await runners.runToEnd(log, database);
    const incremental = await expectConsistent(database);

    await rebuild(database);
    expect(await expectConsistent(database)).toEqual(incremental);
    expect(await missingKpiAggregates(database.db)).toEqual([]);

    const failing = caseProjectionDyingAt(2);
    await expect(rebuild(database, [failing])).rejects.toBeInstanceOf(ProjectionApplyError);
    // The dead rebuild left no triggers and empty aggregates (not stale counts); opening leaves them to the next rebuild.
    expect(await missingKpiAggregates(database.db)).toEqual(KPI_AGGREGATES);
    expect(await aggregatesAsStored(database.db)).toEqual(EMPTY_AGGREGATES);
    const reopened = await target.open();
    expect(await missingKpiAggregates(reopened.db)).toEqual(KPI_AGGREGATES);

    await rebuild(database);
    expect(await expectConsistent(database)).toEqual(incremental);
    expect(await missingKpiAggregates(database.db)).toEqual([]);
  });

  it('follow inserts, updates and deletes of base rows, one by one and many in one statement', async () => {
    const database = await databases.openFresh();
    const { db } = database;
    const registration = (id: string, caseId: string, institution: string | null, happenedOn: string | null, lag: number | null, retracted: 0 | 1 = 0) => ({
      event_id: id, case_id: caseId, institution, step_type: 'PlanAgreed', happened_on: happenedOn, recorded_at: '2024-01-01T00:00:00.000Z', lag_days: lag, retracted,
    });
    await db.insertInto('step_registrations').values([
      registration('e1', 'c1', 'JBRR', '2024-01-01', 3),
      registration('e2', 'c1', 'JBRR', '2024-01-01', 30),
      registration('e3', 'c2', null, '2024-01-02', 22),
      registration('e4', 'c2', 'LJR', null, null),
      registration('e5', 'c3', 'WSS', '2024-01-03', 1, 1),
    ]).execute();
    await db.insertInto('step_registrations').values(registration('e6', 'c3', 'WSS', '2024-01-03', 40)).execute();
    await expectConsistent(database);
    await db.updateTable('step_registrations').set({ retracted: 1 }).where('event_id', '=', 'e6').execute();
    await db.updateTable('step_registrations').set({ retracted: 0 }).where('event_id', '=', 'e5').execute();
    await db.updateTable('step_registrations').set({ lag_days: 25, happened_on: '2024-01-05' }).where('case_id', '=', 'c1').execute();
    await db.updateTable('step_registrations').set({ institution: 'LJR' }).execute();
    await db.updateTable('step_registrations').set({ recorded_at: '2024-02-01T00:00:00.000Z' }).execute();
    await expectConsistent(database);
    await db.deleteFrom('step_registrations').where('event_id', 'in', ['e1', 'e3']).execute();
    await expectConsistent(database);

    const summary = (caseId: string, measureType: string | null, pronouncedOn: string | null, endedOn: string | null) => ({
      case_id: caseId, measure_type: measureType, pronounced_on: pronouncedOn, ended_on: endedOn, version: 1, last_position: '1', recorded_first_at: 'x', state_json: '{}',
    });
    await db.insertInto('case_summaries').values([
      summary('c1', 'OTS', '2024-01-01', null),
      summary('c2', 'OTS', '2024-01-01', '2024-03-01'),
      summary('c3', null, '2024-01-02', '2023-12-01'),
      summary('c4', 'VOOGDIJ', null, '2024-01-05'),
    ]).execute();
    await expectConsistent(database);
    await db.updateTable('case_summaries').set({ ended_on: '2024-02-01' }).where('case_id', '=', 'c1').execute();
    await db.updateTable('case_summaries').set({ measure_type: 'VOOGDIJ', ended_on: null }).where('case_id', 'in', ['c2', 'c3']).execute();
    await db.updateTable('case_summaries').set({ pronounced_on: '2024-01-04' }).where('case_id', '=', 'c4').execute();
    await db.updateTable('case_summaries').set({ version: 2 }).execute();
    await expectConsistent(database);
    await db.deleteFrom('case_summaries').where('case_id', '!=', 'c4').execute();
    await expectConsistent(database);

    const segment = (caseId: string, from: string, until: string | null, active: 0 | 1 = 1) => ({
      case_id: caseId, valid_from: from, valid_until: until, protector: 'x', fixed_protector: 'x', plan: 'x', help: 'x',
      measure_active: active, help_started: 0 as const, waiting_for_help: 0 as const, protector_assigned: 0 as const, waiting_for_protector: 0 as const,
    });
    // Adjacent segments of one case cancel on the day between them, also when inserted one by one.
    await db.insertInto('case_status_segments').values(segment('c1', '2024-01-01', '2024-01-10')).execute();
    await db.insertInto('case_status_segments').values(segment('c1', '2024-01-10', '2024-02-01')).execute();
    await db.insertInto('case_status_segments').values([
      segment('c1', '2024-02-01', '2024-03-01', 0),
      segment('c2', '2023-12-01', '2024-01-10'),
      segment('c2', '2024-01-10', null),
      segment('c3', '2024-01-01', '2024-02-01'),
    ]).execute();
    // c4 ends the day c2 starts: an insert that empties a day already counted.
    await db.insertInto('case_status_segments').values(segment('c4', '2023-11-01', '2023-12-01')).execute();
    const after = await expectConsistent(database);
    expect(after.active_measure_deltas.map((r) => r.day)).not.toContain('2023-12-01');
    expect(after.active_measure_deltas.map((r) => r.day)).not.toContain('2024-01-10');
    await db.updateTable('case_status_segments').set({ measure_active: 1 }).where('case_id', '=', 'c1').where('valid_from', '=', '2024-02-01').execute();
    await db.updateTable('case_status_segments').set({ valid_until: '2024-05-01' }).where('valid_until', 'is', null).execute();
    await db.updateTable('case_status_segments').set({ measure_active: 0 }).where('case_id', '=', 'c3').execute();
    await db.updateTable('case_status_segments').set({ protector: 'y' }).execute();
    await expectConsistent(database);
    await db.deleteFrom('case_status_segments').where('case_id', 'in', ['c1', 'c4']).execute();
    await expectConsistent(database);
    await db.deleteFrom('case_status_segments').where('valid_from', '=', '2024-01-10').execute();
    await expectConsistent(database);

    await db.deleteFrom('case_status_segments').execute();
    await db.deleteFrom('case_summaries').execute();
    await db.deleteFrom('step_registrations').execute();
    expect(await aggregatesAsStored(db)).toEqual(EMPTY_AGGREGATES);
  });

  it('migration 0006 fills the aggregates from the rows already there', async () => {
    const target = await databases.newTarget();
    const before = Object.fromEntries(Object.entries(READ_MODEL_MIGRATIONS).filter(([name]) => name < '0006'));
    const old = await target.open({ migrations: before });
    await old.db.insertInto('step_registrations').values([
      { event_id: 'e1', case_id: 'c1', institution: 'JBRR', step_type: 'PlanAgreed', happened_on: '2024-01-01', recorded_at: '2024-03-01T00:00:00.000Z', lag_days: 60, retracted: 0 },
      { event_id: 'e2', case_id: 'c1', institution: null, step_type: 'HelpStarted', happened_on: '2024-01-02', recorded_at: '2024-01-03T00:00:00.000Z', lag_days: 1, retracted: 0 },
    ]).execute();
    await old.db.insertInto('case_summaries').values({ case_id: 'c1', measure_type: 'OTS', pronounced_on: '2023-12-01', ended_on: '2024-06-01', version: 1, last_position: '1', recorded_first_at: 'x', state_json: '{}' }).execute();
    const migrated = await target.open();
    expect(await expectConsistent(migrated)).toEqual({
      step_lag_days: [
        { happened_on: '2024-01-01', institution: 'JBRR', steps: 1, late_steps: 1 },
        { happened_on: '2024-01-02', institution: '', steps: 1, late_steps: 0 },
      ],
      case_inflow_days: [
        { day: '2023-12-01', measure_type: 'OTS', pronounced: 1, gone: 0 },
        { day: '2024-06-01', measure_type: 'OTS', pronounced: 0, gone: 1 },
      ],
      active_measure_deltas: [],
    });
    expect(await missingKpiAggregates(migrated.db)).toEqual([]);
  });

  it('migration 0007 fills active_measure_deltas from the segments already there', async () => {
    const target = await databases.newTarget();
    const before = Object.fromEntries(Object.entries(READ_MODEL_MIGRATIONS).filter(([name]) => name < '0007'));
    const old = await target.open({ migrations: before });
    // Today's projection writes 0008's, 0010's, 0011's, 0013's and 0016's columns, which a pre-0007 schema lacks: project into a current database
    // and copy the segments' columns of that time into the old one.
    const current = await databases.openFresh();
    await runners.runToEnd(log, current);
    const segments = await current.db.selectFrom('case_status_segments').selectAll().execute();
    const caseColumns = new Set<string>([...SEGMENT_CASE_COLUMNS, ...SEGMENT_CASE_COLUMNS_0010, ...SEGMENT_COLUMNS_0011, ...SEGMENT_COLUMNS_0013, ...SEGMENT_COLUMNS_0016]);
    const asBefore0008 = segments.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !caseColumns.has(column))));
    await old.db.insertInto('case_status_segments').values(asBefore0008 as unknown as Insertable<CaseStatusSegmentTable>[]).execute();
    const migrated = await target.open();
    const stored = await expectConsistent(migrated);
    expect(stored.active_measure_deltas.length).toBeGreaterThan(0);
    expect(await missingKpiAggregates(migrated.db)).toEqual([]);
  });

  it('opening a database whose aggregate triggers are missing makes them again and recomputes the aggregates', async () => {
    const target = await databases.newTarget();
    const first = await target.open();
    await runners.runToEnd(log, first);
    const expected = await expectConsistent(first);
    for (const aggregate of KPI_AGGREGATES) {
      const { name } = triggerNames(aggregate)[1];
      await sql.raw(first.dialect === 'postgres' ? `drop trigger ${name} on ${aggregate.base}` : `drop trigger ${name}`).execute(first.db);
      await first.db.deleteFrom(aggregate.table as 'step_lag_days').execute();
    }
    expect(await missingKpiAggregates(first.db)).toEqual(KPI_AGGREGATES);
    const second = await target.open();
    expect(await missingKpiAggregates(second.db)).toEqual([]);
    expect(await expectConsistent(second)).toEqual(expected);
  });
});
