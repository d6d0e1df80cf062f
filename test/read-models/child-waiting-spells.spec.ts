import { type Insertable, sql } from 'kysely';
import {
  caseReadModelProjections,
  type CaseStatusSegmentTable,
  READ_MODEL_MIGRATIONS,
  type ReadModelDatabase,
  rebuildReadModels,
} from '@app/read-models';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { Runners } from './support/runners';

/**
 * child_waiting_spells and its per-day aggregate waiting_child_deltas (migration 0009) are derived from the
 * segments: the live runner refreshes a child's spells after every batch, a rebuild in stream order derives all
 * of them at its end, and the migration from the segments already there. All three must agree, and the deltas
 * must equal a GROUP BY over the spells.
 */
describeOnReadModelDatabases('child waiting spells', (databases) => {
  const runners = new Runners();
  let log: CaseLog;

  beforeAll(async () => {
    log = new CaseLog();
    // 36 measures of 12 children, with corrections and retractions that move and remove waits.
    await generateCaseLog(log, { cases: 36, seed: 41, children: 12 });
  });
  afterAll(() => log.close());
  afterEach(() => runners.stopAll());

  const spellsOf = (database: ReadModelDatabase) =>
    database.db.selectFrom('child_waiting_spells').selectAll().orderBy('child_ref').orderBy('kind').orderBy('valid_from').execute();

  const deltasOf = async (database: ReadModelDatabase) =>
    (await database.db.selectFrom('waiting_child_deltas').selectAll().orderBy('kind').orderBy('day').execute()).map((row) => ({
      ...row,
      delta: Number(row.delta),
    }));

  /** The deltas written out from the spells, nothing kept. */
  const recomputedDeltas = async (database: ReadModelDatabase) => {
    const { rows } = await sql<{ kind: string; day: string; delta: number | string }>`
      select kind, day, sum(delta) as delta from (
        select kind, valid_from as day, 1 as delta from child_waiting_spells
        union all select kind, valid_until as day, -1 as delta from child_waiting_spells where valid_until is not null
      ) as d group by kind, day having sum(delta) <> 0`.execute(database.db);
    return rows.map((row) => ({ ...row, delta: Number(row.delta) })).sort((a, b) => (a.kind + a.day < b.kind + b.day ? -1 : 1));
  };

  it('the runner, a rebuild and the migration derive the same spells, and the deltas follow them', async () => {
    const byRunner = await databases.openFresh();
    await runners.runToEnd(log, byRunner);
    const spells = await spellsOf(byRunner);
    // Children waited, and some of them under two measures whose waits merged into one spell.
    expect(spells.length).toBeGreaterThan(0);
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from case_status_segments where measure_active = 1 and waiting_for_help = 1`.execute(byRunner.db);
    expect(spells.filter((s) => s.kind === 'help').length).toBeLessThan(Number(rows[0].n));
    expect(await deltasOf(byRunner)).toEqual(await recomputedDeltas(byRunner));

    const rebuilt = await databases.openFresh();
    await rebuildReadModels({ store: log.store, database: rebuilt, projections: caseReadModelProjections(), batchSize: 25, order: 'stream' });
    expect(await spellsOf(rebuilt)).toEqual(spells);
    expect(await deltasOf(rebuilt)).toEqual(await deltasOf(byRunner));

    // A database as 0008 left it, with the same segments: migrating it derives the spells.
    const target = await databases.newTarget();
    const old = await target.open({ migrations: Object.fromEntries(Object.entries(READ_MODEL_MIGRATIONS).filter(([name]) => name < '0009')) });
    const segments = (await byRunner.db.selectFrom('case_status_segments').selectAll().execute()).map(({ measure_type: _copiedBy0010, length_class: _addedBy0011, opens_verdict_span: _addedBy0013, verdict_span_until: _alsoBy0013, verdicts_code: _addedBy0016, ...row }) => row);
    for (let start = 0; start < segments.length; start += 100) {
      await old.db
        .insertInto('case_status_segments')
        .values(segments.slice(start, start + 100) as unknown as Insertable<CaseStatusSegmentTable>[])
        .execute();
    }
    const migrated = await target.open();
    expect(await spellsOf(migrated)).toEqual(spells);
    expect(await deltasOf(migrated)).toEqual(await deltasOf(byRunner));
  });

  it('a rebuild in log order (the live path, batch by batch) leaves the spells a stream-order rebuild leaves', async () => {
    const inLogOrder = await databases.openFresh();
    await rebuildReadModels({ store: log.store, database: inLogOrder, projections: caseReadModelProjections(), batchSize: 7, order: 'log' });
    const inStreamOrder = await databases.openFresh();
    await rebuildReadModels({ store: log.store, database: inStreamOrder, projections: caseReadModelProjections(), order: 'stream' });
    expect(await spellsOf(inLogOrder)).toEqual(await spellsOf(inStreamOrder));
    expect(await deltasOf(inLogOrder)).toEqual(await deltasOf(inStreamOrder));
  });
});
