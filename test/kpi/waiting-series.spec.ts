import { type Kysely, sql } from 'kysely';
import { rebuildReadModels, caseReadModelProjections, type ReadModelDatabase, type ReadModelSchema } from '@app/read-models';
import { seriesDates } from '../../apps/api/src/kpi/period-queries';
import { type WaitingCounts, waitingSeriesCounts } from '../../apps/api/src/kpi/waiting-series.query';
import { CaseLog } from '../read-models/support/case-log';
import { generateCaseLog } from '../read-models/support/generated-log';
import { describeOnReadModelDatabases } from '../read-models/support/read-model-databases';
import { Runners } from '../read-models/support/runners';

/**
 * The waiting series (active measures from the pre-aggregate active_measure_deltas, children from the waiting
 * segments) against the per-date counts written out as plain SQL over the base tables, on real SQLite and
 * PostgreSQL, after the runner applied a log with corrections and retractions and after a rebuild.
 */
async function countsOn(db: Kysely<ReadModelSchema>, date: string): Promise<WaitingCounts> {
  const { rows } = await sql<Record<'active' | 'help' | 'listed' | 'protector', number | string>>`
    select count(*) as active,
      count(distinct case when s.waiting_for_help = 1 then c.child_ref end) as help,
      count(distinct case when s.waiting_for_help = 1 and s.help_waitlist_entry_id is not null then c.child_ref end) as listed,
      count(distinct case when s.waiting_for_protector = 1 then c.child_ref end) as protector
    from case_status_segments s join case_summaries c on c.case_id = s.case_id
    where s.measure_active = 1 and s.valid_from <= ${date} and (s.valid_until is null or s.valid_until > ${date})`.execute(db);
  const [row] = rows;
  return {
    date,
    activeMeasures: Number(row.active),
    waitingForHelp: Number(row.help),
    onHelpWaitingList: Number(row.listed),
    waitingForProtector: Number(row.protector),
  };
}

/** The segments waiting for help on the date: more than the children when a child waits under two measures. */
async function waitingSegmentsOn(db: Kysely<ReadModelSchema>, date: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from case_status_segments s
    where s.measure_active = 1 and s.waiting_for_help = 1 and s.valid_from <= ${date} and (s.valid_until is null or s.valid_until > ${date})`.execute(db);
  return Number(rows[0].n);
}

describeOnReadModelDatabases('waiting series', (databases) => {
  const runners = new Runners();
  let log: CaseLog;

  beforeAll(async () => {
    log = new CaseLog();
    // 40 measures of 15 children: a child waits once however many of its measures wait.
    await generateCaseLog(log, { cases: 40, seed: 29, children: 15 });
  });
  afterAll(() => log.close());
  afterEach(() => runners.stopAll());

  const series = [
    seriesDates('2020-06-01', '2022-12-31', 'week'),
    seriesDates('2019-01-15', '2023-06-15', 'month'),
    seriesDates('2021-03-03', '2021-03-03', 'week'),
    seriesDates('1990-01-01', '1990-06-01', 'month'),
  ];
  const expectPerDateCounts = async (database: ReadModelDatabase) => {
    let waiting = 0;
    let childrenCountedOnce = 0;
    for (const dates of series) {
      const expected = [];
      for (const date of dates) expected.push(await countsOn(database.db, date));
      expect(await waitingSeriesCounts(database.db, dates)).toEqual(expected);
      waiting += expected.reduce((sum, c) => sum + c.waitingForHelp + c.waitingForProtector, 0);
      for (const date of dates) childrenCountedOnce += (await waitingSegmentsOn(database.db, date)) - (await countsOn(database.db, date)).waitingForHelp;
    }
    // And children who waited under two measures at once (else the merge across measures went untested).
    expect(childrenCountedOnce).toBeGreaterThan(0);
    // The log has waiting children (else this test would prove less than it says).
    expect(waiting).toBeGreaterThan(0);
  };

  it('equals the per-date counts after the runner and after a rebuild', async () => {
    const database = await databases.openFresh();
    await runners.runToEnd(log, database);
    await expectPerDateCounts(database);
    await rebuildReadModels({ store: log.store, database, projections: caseReadModelProjections(), batchSize: 40, order: 'stream' });
    await expectPerDateCounts(database);
  });
});
