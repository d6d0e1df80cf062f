import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type StoredEvent } from '@app/event-store';
import { accessRecordsRunner, AccessRecordsReader, type ReadModelDatabase } from '@app/read-models';
import type { Actor } from '../../apps/api/src/auth/actor';
import { type AccessLogQueryDto, queryAccessLog } from '../../apps/api/src/audit/access-log/access-log.query';
import { accessStreamId, CASE_ACCESSED, type CaseAccessRecord } from '../../apps/api/src/audit/access-log/access-record';
import { describeOnReadModelDatabases } from '../read-models/support/read-model-databases';
import { FAST } from '../read-models/support/runners';

const CASES = [randomUUID(), randomUUID(), randomUUID()];
const SUBS = ['auditor-1', 'protector-7', 'admin-2'];
const INSTITUTIONS = ['JBRR', 'WSG', null];

/** Record i: a read in Oct or Nov 2026, by one of three readers, of one of three cases of varying institutions. */
const record = (i: number): CaseAccessRecord => ({
  sub: SUBS[i % 3],
  role: (['auditor', 'protector', 'admin'] as const)[i % 3],
  institution: i % 3 === 1 ? 'JBRR' : null,
  caseId: CASES[(i * 7) % 3],
  caseInstitution: INSTITUTIONS[(i * 5) % 3],
  route: 'GET /cases/{caseId}',
  reason: i % 4 === 0 ? 'inspectie' : null,
  accessedAt: new Date(Date.UTC(2026, 9, 20) + i * 36 * 3600_000).toISOString(),
  requestId: `req-${i}`,
  correlationId: `corr-${i}`,
});

/** What the access log answers, computed the plain way: every record in log order, filtered, newest first. */
function expected(all: StoredEvent[], actor: Actor, query: AccessLogQueryDto) {
  const from = query.from === undefined ? -Infinity : Date.parse(query.from);
  const to = query.to === undefined ? Infinity : Date.parse(query.to);
  const matches = all
    .filter((event) => {
      const r = event.data as CaseAccessRecord;
      if (actor.role === 'protector' && r.caseInstitution !== actor.institution) return false;
      if (query.caseId !== undefined && r.caseId !== query.caseId) return false;
      if (query.sub !== undefined && r.sub !== query.sub) return false;
      const at = Date.parse(r.accessedAt);
      return at >= from && at <= to;
    })
    .map((event) => ({ position: String(event.position), eventId: event.eventId, ...(event.data as CaseAccessRecord) }))
    .reverse();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  return { page, pageSize, total: matches.length, items: matches.slice((page - 1) * pageSize, page * pageSize) };
}

const QUERIES: AccessLogQueryDto[] = [
  {},
  { pageSize: 7 },
  { pageSize: 7, page: 2 },
  { pageSize: 7, page: 4 },
  { caseId: CASES[1], pageSize: 3, page: 2 },
  { sub: 'protector-7', pageSize: 4, page: 3 },
  { from: '2026-11-01T00:00:00+01:00', to: '2026-11-10T12:00:00Z', pageSize: 5, page: 1 },
  { from: '2026-11-01T00:00:00+01:00', pageSize: 5, page: 2 },
  { pageSize: 10, page: 100 },
];
const ACTORS: Actor[] = [
  { sub: 'a', role: 'auditor' },
  { sub: 'p', role: 'protector', institution: 'JBRR' },
];

describeOnReadModelDatabases('the access log from its read model and the log after it', (databases) => {
  let dir: string;
  let store: SqliteEventStore;
  let database: ReadModelDatabase;
  const appended: StoredEvent[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'access-records-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    database = await databases.openFresh();
    appended.length = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Appends records from..to-1, each after a case event the access runner must skip. */
  const appendRecords = async (from: number, to: number): Promise<bigint> => {
    let last = 0n;
    for (let i = from; i < to; i += 1) {
      await store.appendToStream(`case-${randomUUID()}`, [{ eventId: randomUUID(), type: 'MeasureImposed', data: { i }, metadata: {} }], 'no_stream');
      const data = record(i);
      const result = await store.appendToStream(accessStreamId(new Date(data.accessedAt)), [{ eventId: randomUUID(), type: CASE_ACCESSED, data, metadata: {} }], 'any');
      last = result.position;
    }
    appended.splice(0, appended.length, ...(await collect(store)));
    return last;
  };

  const applyUpTo = async (position: bigint): Promise<void> => {
    const runner = accessRecordsRunner(store, database, undefined, FAST);
    runner.start();
    expect(await runner.waitForPosition(position, 15_000)).toBe(true);
    await runner.stop();
    await runner.done;
  };

  it('the runner copies every CaseAccessed of the audit streams, and nothing of the case streams', async () => {
    const last = await appendRecords(0, 40);
    await applyUpTo(last);
    const rows = await database.db.selectFrom('access_records').selectAll().orderBy('position').execute();
    expect(rows.map((row) => [String(row.position), row.event_id, row.case_id, row.sub, row.accessed_at, row.reason])).toEqual(
      appended.map((e) => {
        const r = e.data as CaseAccessRecord;
        return [String(e.position), e.eventId, r.caseId, r.sub, r.accessedAt, r.reason];
      }),
    );
    expect(await new AccessRecordsReader(database.db).checkpoint()).toBe(last);
  });

  it.each([
    ['none of them', 0],
    ['some of them', 17],
    ['all of them', 40],
  ])('answers exactly as a read of the whole log when the table holds %s', async (_label, applied) => {
    const lastApplied = await appendRecords(0, applied);
    if (applied > 0) await applyUpTo(lastApplied);
    await appendRecords(applied, 40);
    const reader = new AccessRecordsReader(database.db);
    for (const actor of ACTORS) {
      for (const query of QUERIES) {
        expect({ actor, query, answer: await queryAccessLog(store, reader, actor, query) }).toEqual({ actor, query, answer: expected(appended, actor, query) });
      }
    }
  });

  it('a protector without an institution sees nothing', async () => {
    await appendRecords(0, 5);
    const answer = await queryAccessLog(store, new AccessRecordsReader(database.db), { sub: 'p', role: 'protector' }, {});
    expect(answer).toEqual({ page: 1, pageSize: 50, total: 0, items: [] });
  });
});

async function collect(store: SqliteEventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll({ streamPrefix: 'audit-access-' })) events.push(event);
  return events;
}
