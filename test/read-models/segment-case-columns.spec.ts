import type { Insertable } from 'kysely';
import { caseReadModelProjections, type CaseStatusSegmentTable, type CaseSummaryTable, READ_MODEL_MIGRATIONS, type ReadModelDatabase, rebuildReadModels } from '@app/read-models';
import { SEGMENT_CASE_COLUMNS } from '@app/read-models/database/migrations/0008-segment-case-columns';
import { SEGMENT_CASE_COLUMNS_0010 } from '@app/read-models/database/migrations/0010-segments-by-pronouncement';
import { SEGMENT_COLUMNS_0011 } from '@app/read-models/database/migrations/0011-segment-length-class';
import { SEGMENT_COLUMNS_0013, VERDICT_SPANS_0013 } from '@app/read-models/database/migrations/0013-verdict-spans';
import { SEGMENT_LENGTH_INDEXES, WAITING_LENGTH_INDEXES } from '@app/read-models/database/segment-length-classes';
import { indexNames, VERDICT_SPAN_ENDS_INDEX } from '@app/read-models/database/secondary-indexes';
import { SEGMENT_COLUMNS_0016 } from '@app/read-models/database/migrations/0016-verdict-span-ends';
import { sql } from 'kysely';

const COPIED = [...SEGMENT_CASE_COLUMNS, ...SEGMENT_CASE_COLUMNS_0010] as const;
import type { NormKey } from '@app/domain';
import { guardianAssigned, measureImposed, waitlisted } from '@app/domain/case/testing/case-fixtures';
import { familiesPerProtector } from '../../apps/api/src/kpi/caseload.query';
import { timelinessCounts, timelinessQuery } from '../../apps/api/src/kpi/timeliness.query';
import { waitingChildren } from '../../apps/api/src/kpi/waiting.query';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { sqliteQueryPlan } from '../support/sqlite-query-plan';
import { Runners } from './support/runners';

/**
 * Migrations 0008 and 0010 copy case columns (refs, dates, institution, municipality, measure type) onto every
 * status segment so the waiting, caseload and timeliness KPIs need no lookup in case_summaries. A copy is only as good as its being in step:
 * these tests check it after a correction, after a rebuild, and after the migration's backfill.
 */
describeOnReadModelDatabases('segment case columns', (databases) => {
  const runners = new Runners();
  afterEach(() => runners.stopAll());

  /** Every segment's copies next to its case's summary columns, for comparison. */
  const copiesAndSummaries = async (database: ReadModelDatabase) => {
    const segments = await database.db.selectFrom('case_status_segments').select(['case_id', 'valid_from', ...COPIED]).orderBy('case_id').orderBy('valid_from').execute();
    const summaries = await database.db.selectFrom('case_summaries').select(['case_id', ...COPIED]).execute();
    const byCase = new Map(summaries.map((s) => [s.case_id, s]));
    return { segments, expected: segments.map((s) => ({ ...byCase.get(s.case_id), valid_from: s.valid_from })) };
  };

  /**
   * A database as the migrations before `before` left it, holding `current`'s summaries and its segments without
   * the `absent` columns (which those migrations did not have yet), then opened, which runs the rest.
   */
  const migratedFrom = async (current: ReadModelDatabase, before: string, absent: readonly string[]) => {
    const target = await databases.newTarget();
    const old = await target.open({ migrations: Object.fromEntries(Object.entries(READ_MODEL_MIGRATIONS).filter(([name]) => name < before)) });
    const summaries = await current.db.selectFrom('case_summaries').selectAll().execute();
    await old.db.insertInto('case_summaries').values(summaries as unknown as Insertable<CaseSummaryTable>[]).execute();
    const segments = await current.db.selectFrom('case_status_segments').selectAll().execute();
    const without = segments.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !absent.includes(column))));
    await old.db.insertInto('case_status_segments').values(without as unknown as Insertable<CaseStatusSegmentTable>[]).execute();
    return target.open();
  };

  /** The timeliness KPI reads the same from both databases on each date, and counts some cases there. */
  const expectSameTimeliness = async (
    current: ReadModelDatabase,
    migrated: ReadModelDatabase,
    groupBy: 'institution' | 'measureType',
    counted: NormKey,
    dates: readonly string[],
  ) => {
    for (const asOf of dates) {
      const params = { from: '2020-01-01', to: '2030-12-31', asOf, groupBy };
      const counts = await timelinessCounts(current.db, params);
      expect(Object.values(counts.total[counted]).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
      expect(await timelinessCounts(migrated.db, params)).toEqual(counts);
    }
  };

  it('a corrected MeasureImposed (child, family, dates) shows in the waiting and caseload KPIs', async () => {
    const log = new CaseLog();
    try {
      const database = await databases.openFresh();
      const imposed = await log.record('c1', measureImposed({ childRef: 'child-a', familyRef: 'family-a' }));
      await log.record('c1', guardianAssigned({ protectorRef: 'p-1', assignedOn: '2021-03-08' }));
      await log.record('c1', waitlisted({ entryId: 'w-1', since: '2021-04-15' }));
      await log.record('c2', measureImposed({ caseId: 'c2', childRef: 'child-b', familyRef: 'family-b' }));
      await log.record('c2', guardianAssigned({ protectorRef: 'p-1', assignedOn: '2021-03-08' }));
      await runners.runToEnd(log, database);
      expect((await familiesPerProtector(database.db, '2021-05-01')).families).toEqual([2]);
      // Neither has help yet, so both children wait for it.
      expect((await waitingChildren(database.db, '2021-05-01')).map((c) => c.childRef).sort()).toEqual(['child-a', 'child-b']);

      // c1 was the same child and family as c2, and pronounced a day earlier: the segments must follow.
      const corrected = measureImposed({ childRef: 'child-b', familyRef: 'family-b', pronouncedOn: '2021-02-28' }).data;
      await log.record('c1', { type: 'EntryCorrected', data: { correctsEventId: imposed.eventId, reason: 'wrong child', data: corrected } });
      await runners.runToEnd(log, database);
      expect((await familiesPerProtector(database.db, '2021-05-01')).families).toEqual([1]);
      const waiting = await waitingChildren(database.db, '2021-05-01');
      expect(waiting.map((c) => [c.childRef, c.pronouncedOn]).sort()).toEqual([['child-b', '2021-02-28'], ['child-b', '2021-03-01']]);
      // The waiting spells moved with the child: child-a waits no more, child-b once under both measures.
      const spells = await database.db.selectFrom('child_waiting_spells').select(['child_ref', 'kind', 'valid_from']).execute();
      expect(new Set(spells.map((s) => s.child_ref))).toEqual(new Set(['child-b']));
      expect(spells.filter((s) => s.kind === 'help').map((s) => s.valid_from)).toEqual(['2021-02-28']);
      const { segments, expected } = await copiesAndSummaries(database);
      expect(segments).toEqual(expected);
    } finally {
      await log.close();
    }
  });

  it('the runner and a rebuild write the same copies as the case summaries hold', async () => {
    const log = new CaseLog();
    try {
      await generateCaseLog(log, { cases: 30, seed: 7 });
      const byRunner = await databases.openFresh();
      await runners.runToEnd(log, byRunner);
      const rebuilt = await databases.openFresh();
      await rebuildReadModels({ store: log.store, database: rebuilt, projections: caseReadModelProjections(), batchSize: 10, order: 'stream' });
      const runner = await copiesAndSummaries(byRunner);
      expect(runner.segments.length).toBeGreaterThan(0);
      expect(runner.segments).toEqual(runner.expected);
      expect((await copiesAndSummaries(rebuilt)).segments).toEqual(runner.segments);
    } finally {
      await log.close();
    }
  });

  it('migration 0008 fills the copies of the segments already there from case_summaries', async () => {
    const log = new CaseLog();
    try {
      await generateCaseLog(log, { cases: 20, seed: 11 });
      const current = await databases.openFresh();
      await runners.runToEnd(log, current);
      const migrated = await migratedFrom(current, '0008', [...COPIED, ...SEGMENT_COLUMNS_0011, ...SEGMENT_COLUMNS_0013, ...SEGMENT_COLUMNS_0016]);
      expect((await copiesAndSummaries(migrated)).segments).toEqual((await copiesAndSummaries(current)).segments);
    } finally {
      await log.close();
    }
  });

  it('migration 0010 fills the measure type of the segments already there from case_summaries', async () => {
    const log = new CaseLog();
    try {
      await generateCaseLog(log, { cases: 20, seed: 13 });
      const current = await databases.openFresh();
      await runners.runToEnd(log, current);
      const migrated = await migratedFrom(current, '0010', [...SEGMENT_CASE_COLUMNS_0010, ...SEGMENT_COLUMNS_0011, ...SEGMENT_COLUMNS_0013, ...SEGMENT_COLUMNS_0016]);
      const { segments: copies, expected } = await copiesAndSummaries(migrated);
      expect(copies.some((segment) => segment.measure_type !== null)).toBe(true);
      expect(copies).toEqual(expected);
      expect(copies).toEqual((await copiesAndSummaries(current)).segments);
    } finally {
      await log.close();
    }
  });

  it('migration 0011 fills every segment\'s length class as the projection writes it, and indexes the classes by it', async () => {
    const log = new CaseLog();
    try {
      await generateCaseLog(log, { cases: 40, seed: 17 });
      const current = await databases.openFresh();
      await runners.runToEnd(log, current);
      const migrated = await migratedFrom(current, '0011', [...SEGMENT_COLUMNS_0011, ...SEGMENT_COLUMNS_0013, ...SEGMENT_COLUMNS_0016]);
      const everything = (database: ReadModelDatabase) => database.db.selectFrom('case_status_segments').selectAll().orderBy('case_id').orderBy('valid_from').execute();
      const [written, backfilled] = [await everything(current), await everything(migrated)];
      // The projection's classes are not trivially equal: several classes occur, and an open-ended segment's is the last.
      expect(new Set(written.map((segment) => segment.length_class)).size).toBeGreaterThan(2);
      expect(written.every((segment) => Number.isInteger(segment.length_class))).toBe(true);
      expect(backfilled.map((segment) => Number(segment.length_class))).toEqual(written.map((segment) => Number(segment.length_class)));
      expect(backfilled).toEqual(written);
      // The partial indexes are there, on the stored class, and hold the same entries as a fresh database's.
      const indexes = [...SEGMENT_LENGTH_INDEXES, ...WAITING_LENGTH_INDEXES];
      for (const database of [current, migrated]) {
        const { rows } =
          database.dialect === 'postgres'
            ? await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema()`.execute(database.db)
            : await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master where type = 'index'`.execute(database.db);
        const definitions = new Map(rows.map((row) => [row.name, row.definition]));
        for (const index of indexes) expect(definitions.get(index.name)).toMatch(/length_class = 0|length_class = [1-5]/);
      }
      for (const index of indexes) {
        const count = async (database: ReadModelDatabase) =>
          Number((await sql<{ n: number | string }>`select count(*) as n from case_status_segments where ${sql.raw(index.where!)}`.execute(database.db)).rows[0].n);
        expect(await count(migrated)).toEqual(await count(current));
      }
      expect((await familiesPerProtector(migrated.db, '2022-06-01')).families).toEqual((await familiesPerProtector(current.db, '2022-06-01')).families);
      expect(await waitingChildren(migrated.db, '2022-06-01')).toEqual(await waitingChildren(current.db, '2022-06-01'));
    } finally {
      await log.close();
    }
  });

  // A partial index serves a query only when the query's condition implies the index's: without the flag both
  // planners lose it, and SQLite's also with a bound parameter in place of the literal, all without an error.
  // Sequential scans are priced out on PostgreSQL, so its plan names the index whenever the planner may use it
  // at all, whatever the table's size. A short period: on empty tables, a seek per day of a long one is priced
  // above a whole scan of another index.
  it('the timeliness query can use the verdict runs\' partial index (its flag is a literal)', async () => {
    const database = await databases.openFresh();
    const query = timelinessQuery(database.db, { from: '2024-01-01', to: '2024-01-03', asOf: '2025-06-30', groupBy: 'institution' }).compile();
    const plan = await database.db.connection().execute(async (connection) => {
      if (database.dialect === 'sqlite') return sqliteQueryPlan(connection, query);
      await sql`set enable_seqscan = off`.execute(connection);
      try {
        const { rows } = await connection.executeQuery<Record<string, string>>({ ...query, sql: `explain ${query.sql}` });
        return rows.map((row) => row['QUERY PLAN']).join(' ; ');
      } finally {
        await sql`reset enable_seqscan`.execute(connection);
      }
    });
    expect(plan).toContain(VERDICT_SPAN_ENDS_INDEX);
  });

  it('migration 0013 backfills the verdict runs as the projection writes them, and timeliness reads the same from them', async () => {
    const log = new CaseLog();
    try {
      await generateCaseLog(log, { cases: 40, seed: 19 });
      const current = await databases.openFresh();
      await runners.runToEnd(log, current);
      const migrated = await migratedFrom(current, '0013', [...SEGMENT_COLUMNS_0013, ...SEGMENT_COLUMNS_0016]);
      const runs = (database: ReadModelDatabase) =>
        database.db.selectFrom('case_status_segments').select(['case_id', 'valid_from', ...SEGMENT_COLUMNS_0013]).orderBy('case_id').orderBy('valid_from').execute();
      const [written, backfilled] = [await runs(current), await runs(migrated)];
      // Not trivially equal: runs of several segments occur beside single ones, closed runs beside open-ended ones.
      const opening = written.filter((segment) => Number(segment.opens_verdict_span) === 1).length;
      expect(opening).toBeGreaterThan(0);
      expect(opening).toBeLessThan(written.length);
      const openers = written.filter((segment) => Number(segment.opens_verdict_span) === 1);
      expect(openers.some((segment) => segment.verdict_span_until === null)).toBe(true);
      expect(openers.some((segment) => segment.verdict_span_until !== null)).toBe(true);
      expect(backfilled.map((segment) => ({ ...segment, opens_verdict_span: Number(segment.opens_verdict_span) }))).toEqual(
        written.map((segment) => ({ ...segment, opens_verdict_span: Number(segment.opens_verdict_span) })),
      );
      for (const database of [current, migrated]) {
        const names = await indexNames(database.db, database.dialect);
        expect(names).toContain(VERDICT_SPAN_ENDS_INDEX);
        expect(names).not.toContain(VERDICT_SPANS_0013.name);
        expect(names).not.toContain('case_status_segments_pronounced');
      }
      await expectSameTimeliness(current, migrated, 'institution', 'help', ['2021-06-30', '2022-06-01', '2030-01-01']);
    } finally {
      await log.close();
    }
  });

  it('migration 0016 backfills the runs\' verdict codes as the projection writes them, and timeliness reads the same from them', async () => {
    const log = new CaseLog();
    try {
      await generateCaseLog(log, { cases: 40, seed: 29 });
      const current = await databases.openFresh();
      await runners.runToEnd(log, current);
      const migrated = await migratedFrom(current, '0016', SEGMENT_COLUMNS_0016);
      const codes = (database: ReadModelDatabase) =>
        database.db.selectFrom('case_status_segments').select(['case_id', 'valid_from', 'opens_verdict_span', ...SEGMENT_COLUMNS_0016]).orderBy('case_id').orderBy('valid_from').execute();
      const normalized = (rows: Awaited<ReturnType<typeof codes>>) =>
        rows.map((row) => ({ ...row, opens_verdict_span: Number(row.opens_verdict_span), verdicts_code: row.verdicts_code === null ? null : Number(row.verdicts_code) }));
      const [written, backfilled] = [normalized(await codes(current)), normalized(await codes(migrated))];
      // Not trivially equal: the runs' first segments carry several different codes, the others none.
      const openers = written.filter((row) => row.opens_verdict_span === 1);
      expect(new Set(openers.map((row) => row.verdicts_code)).size).toBeGreaterThan(3);
      expect(openers.every((row) => row.verdicts_code !== null)).toBe(true);
      expect(written.filter((row) => row.opens_verdict_span === 0).every((row) => row.verdicts_code === null)).toBe(true);
      expect(backfilled).toEqual(written);
      await expectSameTimeliness(current, migrated, 'measureType', 'plan', ['2021-03-01', '2021-09-30', '2030-01-01']);
    } finally {
      await log.close();
    }
  });
});
