import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type ReadModelDatabase, openReadModelDatabase } from '@app/read-models';
import { KPI_INDEXES } from '@app/read-models/database/migrations/0004-kpi-indexes';
import { SEGMENT_LENGTH_INDEX_NAMES } from '@app/read-models/database/migrations/0005-segment-length-indexes';
import { activeCasesOn, activeSegmentsOn, waitingSegmentsOn } from '../../apps/api/src/kpi/active-segments';
import { WAITING_LENGTH_CLASSES, WAITING_SEGMENT_INDEX_COLUMNS } from '@app/read-models/database/segment-length-classes';
import { timelinessQuery } from '../../apps/api/src/kpi/timeliness.query';
import { worklistSegmentsOn } from '../../apps/api/src/cases/queries/worklist.query';
import { caseloadSpansOn } from '../../apps/api/src/kpi/caseload.query';
import { sqliteQueryPlan } from '../support/sqlite-query-plan';
import { VERDICT_SPAN_ENDS_INDEX } from '@app/read-models/database/secondary-indexes';

/** Migrations 0004 and 0005: the KPI indexes exist, and the partial ones are within reach of the KPI queries. */
describe('KPI indexes (SQLite)', () => {
  let dataDir: string;
  let database: ReadModelDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kpi-indexes-'));
    database = await openReadModelDatabase({ dataDir });
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the migrations create every KPI index; 0005 replaced the active and waiting ones of 0004', async () => {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(database.db);
    const replaced = ['case_status_segments_active_on', 'case_status_segments_waiting_on'];
    const names = rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([...KPI_INDEXES.filter((name) => !replaced.includes(name)), ...SEGMENT_LENGTH_INDEX_NAMES]));
    for (const name of replaced) expect(names).not.toContain(name);
  });

  // A partial index serves a query only when the query's condition implies the index's: each arm says its length
  // class's condition verbatim, with literals (a bound parameter would silently lose the index).
  it('"active measures on a date" reads each length class through its own partial index', async () => {
    const query = activeSegmentsOn(database.db, '2024-01-01', ['case_id']).compile();
    const plan = await sqliteQueryPlan(database.db, query);
    for (const name of SEGMENT_LENGTH_INDEX_NAMES) expect(plan).toContain(`USING COVERING INDEX ${name}`);
  });

  // Migration 0008: the "on a date" KPIs read the case's refs from the segment itself (no lookup per active
  // case in case_summaries), and the caseload's family_ref from the length-class indexes alone.
  it('"active cases on a date" reads family_ref from the covering length-class indexes, not case_summaries', async () => {
    const query = activeCasesOn(database.db, '2024-01-01', ['protector_ref', 'family_ref']).select(['s.protector_ref', 's.family_ref']).compile();
    const plan = await sqliteQueryPlan(database.db, query);
    for (const name of SEGMENT_LENGTH_INDEX_NAMES) expect(plan).toContain(`USING COVERING INDEX ${name}`);
    expect(plan).not.toContain('case_summaries');
  });

  // Migration 0014: the worklist finds the cases active today as those KPIs do, not by valid_from over ten years.
  it.each([{}, { institution: 'WSS' }])('the worklist (%o) reads the active segments through the length-class indexes', async (filter) => {
    const query = worklistSegmentsOn(database.db, '2024-01-01', filter).compile();
    const plan = await sqliteQueryPlan(database.db, query);
    for (const name of SEGMENT_LENGTH_INDEX_NAMES) expect(plan).toMatch(new RegExp(`USING (COVERING )?INDEX ${name} `));
    expect(plan).not.toMatch(/case_summaries|SCAN case_status_segments/);
  });

  // Migration 0015: one protector's worklist reads that protector's active segments, not every active case.
  it("a protector's worklist reads its active segments through the protector's index", async () => {
    const query = worklistSegmentsOn(database.db, '2024-01-01', { protectorRef: 'p-1' }).compile();
    const plan = await sqliteQueryPlan(database.db, query);
    expect(plan.match(/USING INDEX case_status_segments_protector \(protector_ref=\?\)/g)).toHaveLength(SEGMENT_LENGTH_INDEX_NAMES.length);
    expect(plan).not.toMatch(/case_summaries|SCAN case_status_segments/);
  });

  // Migration 0015: the caseload reads the spans that hold on the date, one range per length class, from the index alone.
  it('the caseload reads each length class of the spans from their covering index', async () => {
    const plan = await sqliteQueryPlan(database.db, caseloadSpansOn(database.db, '2024-01-01').compile());
    expect(plan.match(/USING COVERING INDEX protector_caseload_spans_on \(length_class=\? AND valid_from/g)).toHaveLength(SEGMENT_LENGTH_INDEX_NAMES.length);
    expect(plan).not.toMatch(/SCAN|case_status_segments/);
  });

  // Migration 0009: the waiting KPI reads its columns from the waiting segments' own covering indexes.
  it('"waiting on a date" reads every column from the waiting length-class indexes alone', async () => {
    const query = waitingSegmentsOn(database.db, '2024-01-01', WAITING_SEGMENT_INDEX_COLUMNS).compile();
    const plan = await sqliteQueryPlan(database.db, query);
    for (const { index } of WAITING_LENGTH_CLASSES) expect(plan).toContain(`USING COVERING INDEX ${index}`);
  });

  // Migration 0016: a period's timeliness seeks, per day, the verdict runs still open and those that end after its
  // date, from the index alone; a period longer than the seeks cover is one range of it.
  it.each([undefined, 'institution', 'municipality', 'measureType', 'month', 'quarter'] as const)('timeliness grouped by %s seeks the verdict runs by pronouncement and end alone', async (groupBy) => {
    const query = timelinessQuery(database.db, { from: '2024-01-01', to: '2024-12-31', asOf: '2025-06-30', groupBy }).compile();
    const plan = await sqliteQueryPlan(database.db, query);
    expect(plan).toContain(`USING COVERING INDEX ${VERDICT_SPAN_ENDS_INDEX} (pronounced_on=? AND verdict_span_until=? AND valid_from<?)`);
    expect(plan).toContain(`USING COVERING INDEX ${VERDICT_SPAN_ENDS_INDEX} (pronounced_on=? AND verdict_span_until>?)`);
    expect(plan).not.toMatch(/case_summaries|SCAN/);
  });

  it('timeliness over more days than the seeks cover reads one range of pronouncements', async () => {
    const query = timelinessQuery(database.db, { from: '1901-01-01', to: '2100-12-31', asOf: '2025-06-30' }).compile();
    const plan = await sqliteQueryPlan(database.db, query);
    expect(plan.match(new RegExp(`USING COVERING INDEX ${VERDICT_SPAN_ENDS_INDEX} \\(pronounced_on>\\? AND pronounced_on<\\?\\)`, 'g'))).toHaveLength(2);
  });
});
