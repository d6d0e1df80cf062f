import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { CaseEvent } from '@app/domain';
import {
  guardianAssigned,
  helpStarted,
  measureEnded,
  measureImposed,
  planAgreed,
  waitlisted,
  waitlistLeft,
} from '@app/domain/case/testing/case-fixtures';
import {
  caseReadModelProjections,
  openReadModelDatabase,
  type ReadModelDatabase,
  type ReadModelSchema,
  type ReadModelTableName,
  rebuildReadModels,
} from '@app/read-models';
import { aggregatesAsStored, aggregatesFromBaseTables } from '../kpi/kpi-aggregates-reference';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';
import { describeOnReadModelDatabases, type ReadModelDatabases } from './support/read-model-databases';
import { Runners } from './support/runners';
import { dumpReadModels } from './support/table-dump';

/**
 * The live projection writes a case's segments and waiting-list rows as a difference with what the tables
 * hold (case-writes.ts, replaceRows): these tests hold it to the tables a full rewrite gives - a rebuild in
 * stream order, which inserts every row afresh - and show that the rows that did not change are not written.
 */
describeOnReadModelDatabases('case rows written as a difference', (databases) => {
  const runners = new Runners();
  afterEach(() => runners.stopAll());

  /** Tables and aggregates of `log` rebuilt in stream order: every row inserted once, the aggregates recomputed. */
  const rewritten = async (log: CaseLog) => {
    const database = await databases.openFresh();
    await rebuildReadModels({ store: log.store, database, projections: caseReadModelProjections(), order: 'stream' });
    return everything(database.db);
  };

  it('in log order, one event or a few per transaction, gives the tables and aggregates of a full rewrite', async () => {
    const log = new CaseLog();
    try {
      await generateCaseLog(log, { cases: 40, seed: 31 });
      await recordLateHistory(log, 'late-1');
      const expected = await rewritten(log);
      expect(expected.tables.case_status_segments.length).toBeGreaterThan(200);
      for (const batchSize of [1, 7]) {
        const database = await databases.openFresh();
        await rebuildReadModels({ store: log.store, database, projections: caseReadModelProjections(), order: 'log', batchSize });
        const actual = await everything(database.db);
        expect(actual).toEqual(expected);
        // The triggers kept the aggregates equal to a GROUP BY over the base tables.
        expect(actual.aggregates).toEqual(await aggregatesFromBaseTables(database.db));
      }
    } finally {
      await log.close();
    }
  });

  it('writes only the segments that changed: each event inserts, updates or deletes the rows that differ, no others', async () => {
    const log = new CaseLog();
    try {
      const database = await databases.openFresh();
      await logSegmentWrites(databases, database.db);
      const steps = lateHistory('c1');
      let untouched = 0;
      const ops: string[] = [];
      for (const step of steps) {
        const before = await segmentsOf(database.db);
        await sql`delete from segment_writes`.execute(database.db);
        await step(log);
        await runners.runToEnd(log, database);
        const after = await segmentsOf(database.db);
        const changed = new Set(
          [...new Set([...before.keys(), ...after.keys()])].filter((key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key))),
        );
        const writes = (await sql<{ op: string; k: string }>`select op, case_id || '|' || valid_from as k from segment_writes`.execute(database.db)).rows;
        // Every row that changed was written, once; no row that stayed the same was.
        expect(new Set(writes.map((w) => w.k))).toEqual(changed);
        expect(writes).toHaveLength(changed.size);
        for (const w of writes) {
          expect(w.op).toBe(!before.has(w.k) ? 'insert' : !after.has(w.k) ? 'delete' : 'update');
        }
        untouched += [...after.keys()].filter((key) => !changed.has(key)).length;
        ops.push(...writes.map((w) => w.op));
      }
      // The history is one that leaves most rows alone and moves, adds and removes some.
      expect(untouched).toBeGreaterThan(ops.length);
      expect(new Set(ops)).toEqual(new Set(['insert', 'update', 'delete']));
      expect(await everything(database.db)).toEqual(await rewritten(log));
    } finally {
      await log.close();
    }
  });
});

/**
 * SQLite rewrites the entries of every index holding a column that an UPDATE sets, whether or not the value
 * changed, so its updates set the changed columns only. An UPDATE OF trigger fires on exactly that condition
 * (a set column), so triggers on a few columns show which ones each update set. PostgreSQL updates every
 * column and relies on its heap-only updates, which look at the values: nothing to show there this way.
 */
describe('case rows written as a difference [sqlite]: only the changed columns are set', () => {
  const runners = new Runners();
  const dataDirs: string[] = [];
  afterEach(async () => {
    await runners.stopAll();
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the columns (and so the indexes) that kept their values alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'column-writes-'));
    dataDirs.push(dataDir);
    const database = await openReadModelDatabase({ dataDir });
    const log = new CaseLog();
    try {
      const watched: Array<[ReadModelTableName, string]> = [
        ['case_summaries', 'institution'],
        ['case_summaries', 'pronounced_on'],
        ['case_summaries', 'version'],
        ['case_status_segments', 'institution'],
        ['case_status_segments', 'pronounced_on'],
        ['case_status_segments', 'valid_until'],
      ];
      await sql`create table column_writes (tbl text not null, col text not null)`.execute(database.db);
      for (const [table, column] of watched) {
        await sql
          .raw(`create trigger column_writes_${table}_${column} after update of ${column} on ${table} begin insert into column_writes values ('${table}', '${column}'); end`)
          .execute(database.db);
      }
      const steps = lateHistory('c1');
      for (const step of steps) {
        await step(log);
        await runners.runToEnd(log, database);
      }
      const writes = (await sql<{ w: string; n: number }>`select tbl || '.' || col as w, count(*) as n from column_writes group by tbl, col`.execute(database.db)).rows;
      const counts = Object.fromEntries(writes.map(({ w, n }) => [w, Number(n)]));
      // Every event after the first updates the summary's version; none changes the case's institution or
      // pronouncement, so no update set them.
      expect(counts['case_summaries.version']).toBe(steps.length - 1);
      expect(counts['case_status_segments.valid_until']).toBeGreaterThan(0);
      expect(counts['case_summaries.institution']).toBeUndefined();
      expect(counts['case_summaries.pronounced_on']).toBeUndefined();
      expect(counts['case_status_segments.institution']).toBeUndefined();
      expect(counts['case_status_segments.pronounced_on']).toBeUndefined();
      // And the tables are still those of a full rewrite.
      const rewriteDir = mkdtempSync(join(tmpdir(), 'column-writes-'));
      dataDirs.push(rewriteDir);
      const rewrite = await openReadModelDatabase({ dataDir: rewriteDir });
      try {
        await rebuildReadModels({ store: log.store, database: rewrite, projections: caseReadModelProjections(), order: 'stream' });
        const { tables } = await everything(database.db);
        expect(tables).toEqual((await everything(rewrite.db)).tables);
      } finally {
        await rewrite.close();
        await database.close();
      }
    } finally {
      await log.close();
    }
  });
});

/**
 * One case's history, a step at a time: in order first, then late registrations (a handover and a waiting
 * period dated before steps already recorded), a correction that moves a step's date, retractions.
 */
function lateHistory(caseId: string): Array<(log: CaseLog) => Promise<void>> {
  const ids = new Map<string, string>();
  const idOf = (name: string): string => ids.get(name) ?? '';
  const steps: Array<[string, () => CaseEvent]> = [
    ['imposed', () => measureImposed({ caseId })],
    ['guardian', () => guardianAssigned({ assignedOn: '2021-03-20' })],
    ['waiting', () => waitlisted({ entryId: 'w-1', since: '2021-04-15' })],
    ['plan', () => planAgreed({ agreedOn: '2021-04-20' })],
    ['left', () => waitlistLeft({ entryId: 'w-1', leftOn: '2021-06-20', outcome: 'HELP_STARTED' })],
    ['help', () => helpStarted({ startedOn: '2021-06-20' })],
    // Late: a handover and a waiting period that happened before what is recorded already.
    ['handover', () => guardianAssigned({ protectorRef: 'protector-2', assignedOn: '2021-04-05', reason: 'TURNOVER' })],
    [
      'waiting-2',
      () => waitlisted({ entryId: 'w-2', waitingFor: 'PROTECTOR', since: '2021-03-08', helpType: undefined, provider: undefined, reason: undefined }),
    ],
    ['left-2', () => waitlistLeft({ entryId: 'w-2', leftOn: '2021-03-20', outcome: 'HELP_STARTED' })],
    // A correction moving the plan's date, then retractions of the first handover and of the help.
    [
      'correction',
      () => ({ type: 'EntryCorrected', data: { correctsEventId: idOf('plan'), reason: 'wrong date', data: planAgreed({ agreedOn: '2021-05-03' }).data } }),
    ],
    ['retract-guardian', () => ({ type: 'EntryRetracted', data: { retractsEventId: idOf('guardian'), reason: 'recorded in error' } })],
    ['retract-help', () => ({ type: 'EntryRetracted', data: { retractsEventId: idOf('help'), reason: 'recorded in error' } })],
    ['ended', () => measureEnded({ endedOn: '2021-08-25' })],
  ];
  return steps.map(([name, event]) => async (log: CaseLog) => {
    ids.set(name, (await log.record(caseId, event())).eventId);
  });
}

async function recordLateHistory(log: CaseLog, caseId: string): Promise<void> {
  for (const step of lateHistory(caseId)) await step(log);
}

/** Every read-model table and KPI aggregate, normalised (table-dump.ts, kpi-aggregates-reference.ts). */
async function everything(db: Kysely<ReadModelSchema>) {
  const { projection_checkpoints: _, ...tables } = await dumpReadModels(db);
  return { tables, aggregates: await aggregatesAsStored(db) };
}

async function segmentsOf(db: Kysely<ReadModelSchema>): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.selectFrom('case_status_segments').selectAll().execute();
  return new Map(rows.map((row) => [`${row.case_id}|${row.valid_from}`, row]));
}

/** Logs every insert, update and delete of a segment row into segment_writes, by a row trigger. */
async function logSegmentWrites(databases: ReadModelDatabases, db: Kysely<ReadModelSchema>): Promise<void> {
  await sql`create table segment_writes (op text not null, case_id text not null, valid_from text not null)`.execute(db);
  if (databases.dialect === 'sqlite') {
    for (const [op, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
      await sql
        .raw(
          `create trigger segment_writes_${op} after ${op} on case_status_segments begin ` +
            `insert into segment_writes values ('${op}', ${row}.case_id, ${row}.valid_from); end`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `create function segment_writes_log() returns trigger language plpgsql as $$ begin ` +
        `if tg_op = 'DELETE' then insert into segment_writes values ('delete', old.case_id, old.valid_from); ` +
        `else insert into segment_writes values (lower(tg_op), new.case_id, new.valid_from); end if; return null; end $$`,
    )
    .execute(db);
  await sql
    .raw(`create trigger segment_writes_log after insert or update or delete on case_status_segments for each row execute function segment_writes_log()`)
    .execute(db);
}
