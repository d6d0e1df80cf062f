import { type Insertable, type Kysely, sql } from 'kysely';
import {
  caseReadModelProjections,
  type CaseStatusSegmentTable,
  READ_MODEL_MIGRATIONS,
  type ReadModelDatabase,
  type ReadModelSchema,
  rebuildReadModels,
} from '@app/read-models';
import { addDays } from '@app/domain';
import { familiesPerProtector } from '../../apps/api/src/kpi/caseload.query';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { Runners } from './support/runners';

/**
 * protector_caseload_spans (migration 0015) are derived from the segments: the live runner refreshes the spans of
 * every protector a batch's segments name, a rebuild derives all of them at its end, and the migration from the
 * segments already there. All three must agree, and the caseload KPI read from them must equal the GROUP BY over
 * the active segments it replaced, on every date on which anything changes.
 */
describeOnReadModelDatabases('protector caseload spans', (databases) => {
  const runners = new Runners();
  let log: CaseLog;

  beforeAll(async () => {
    log = new CaseLog();
    // 60 measures of 20 children in 7 families, assigned to 29 protectors, with corrected assignments,
    // changes of protector and ends.
    await generateCaseLog(log, { cases: 60, seed: 43, children: 20 });
  });
  afterAll(() => log.close());
  afterEach(() => runners.stopAll());

  const spansOf = async (database: ReadModelDatabase) =>
    (await database.db.selectFrom('protector_caseload_spans').selectAll().orderBy('protector_ref').orderBy('valid_from').execute()).map((row) => ({
      ...row,
      families: Number(row.families),
      cases: Number(row.cases),
      length_class: Number(row.length_class),
    }));

  /** The caseload as the KPI computed it before the spans: families and cases grouped over the active segments. */
  const caseloadFromSegments = async (db: Kysely<ReadModelSchema>, asOf: string) => {
    const { rows } = await sql<{ protector_ref: string | null; families: number | string; cases: number | string }>`
      select protector_ref, count(distinct family_ref) as families, count(*) as cases from case_status_segments
      where measure_active = 1 and valid_from <= ${asOf} and (valid_until is null or valid_until > ${asOf})
      group by protector_ref`.execute(db);
    return {
      families: rows.filter((row) => row.protector_ref !== null).map((row) => Number(row.families)).sort((a, b) => a - b),
      activeCasesWithoutProtector: Number(rows.find((row) => row.protector_ref === null)?.cases ?? 0),
    };
  };

  /** Every day on which a segment starts or ends, and the day before each. */
  const datesOfChange = async (db: Kysely<ReadModelSchema>) => {
    const { rows } = await sql<{ day: string }>`
      select valid_from as day from case_status_segments union select valid_until from case_status_segments where valid_until is not null`.execute(db);
    return [...new Set(rows.flatMap(({ day }) => [day, addDays(day, -1)]))].sort();
  };

  it('the runner, a rebuild and the migration derive the same spans, and the KPI from them equals the segments on every date', async () => {
    const byRunner = await databases.openFresh();
    await runners.runToEnd(log, byRunner);
    const spans = await spansOf(byRunner);
    // Protectors held several families at once, and some a family twice (two children under one protector).
    expect(spans.some((span) => span.families >= 2)).toBe(true);
    expect(spans.some((span) => span.cases > span.families)).toBe(true);

    const dates = await datesOfChange(byRunner.db);
    expect(dates.length).toBeGreaterThan(100);
    let withUnassigned = 0;
    for (const date of dates) {
      const expected = await caseloadFromSegments(byRunner.db, date);
      expect({ date, ...(await familiesPerProtector(byRunner.db, date)) }).toEqual({ date, ...expected });
      if (expected.activeCasesWithoutProtector > 0) withUnassigned += 1;
    }
    expect(withUnassigned).toBeGreaterThan(0);

    const rebuilt = await databases.openFresh();
    await rebuildReadModels({ store: log.store, database: rebuilt, projections: caseReadModelProjections(), batchSize: 25, order: 'stream' });
    expect(await spansOf(rebuilt)).toEqual(spans);

    // A database as 0014 left it, with the same segments: migrating it derives the spans.
    const target = await databases.newTarget();
    const old = await target.open({ migrations: Object.fromEntries(Object.entries(READ_MODEL_MIGRATIONS).filter(([name]) => name < '0015')) });
    const segments = (await byRunner.db.selectFrom('case_status_segments').selectAll().execute()).map(({ verdicts_code: _addedBy0016, ...row }) => row);
    for (let start = 0; start < segments.length; start += 100) {
      await old.db
        .insertInto('case_status_segments')
        .values(segments.slice(start, start + 100) as unknown as Insertable<CaseStatusSegmentTable>[])
        .execute();
    }
    const migrated = await target.open();
    expect(await spansOf(migrated)).toEqual(spans);
  });

  it('a rebuild in log order (the live path, batch by batch) leaves the spans a stream-order rebuild leaves', async () => {
    const inLogOrder = await databases.openFresh();
    await rebuildReadModels({ store: log.store, database: inLogOrder, projections: caseReadModelProjections(), batchSize: 7, order: 'log' });
    const inStreamOrder = await databases.openFresh();
    await rebuildReadModels({ store: log.store, database: inStreamOrder, projections: caseReadModelProjections(), order: 'stream' });
    expect(await spansOf(inLogOrder)).toEqual(await spansOf(inStreamOrder));
  });
});
