import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppendResult, type EventToAppend, type ExpectedRevision, SqliteEventStore } from '@app/event-store';
import { Clock } from '../../config/clock';
import { ProblemException } from '../../problem-details/problem';
import Database from 'better-sqlite3';
import { sealOf } from '@app/domain/integrity';
import { verifyAccessMonth } from './access-chain';
import { AccessLogger } from './access-logger';
import { type AccessContext, type CaseAccessRecord, accessStreamId } from './access-record';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-03-02T10:00:00Z');
  }
}

/** The real store on a file, counting the appends it was asked for and able to refuse the next ones. */
class ObservedStore extends SqliteEventStore {
  readonly appends: Array<{ streamId: string; caseIds: string[] }> = [];
  refuse = false;

  override appendToStream(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.appends.push({ streamId, caseIds: events.map((event) => (event.data as CaseAccessRecord).caseId) });
    if (this.refuse) return Promise.reject(new Error('disk full'));
    return super.appendToStream(streamId, events, expected);
  }
}

const context: AccessContext = {
  sub: 'auditor-1',
  role: 'auditor',
  institution: null,
  route: 'GET /cases/{caseId}/history',
  reason: null,
  requestId: 'req-1',
  correlationId: 'corr-1',
};
const read = (caseId: string) => [{ caseId, caseInstitution: 'JBRR' as const }];
const stream = accessStreamId(new FixedClock().now());

describe('AccessLogger', () => {
  let dir: string;
  let store: ObservedStore;
  let logger: AccessLogger;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'access-logger-'));
    store = new ObservedStore(join(dir, 'events.sqlite'));
    logger = new AccessLogger(store, new FixedClock());
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const loggedCases = async () => (await store.readStream(stream)).map((event) => (event.data as CaseAccessRecord).caseId);

  it('starts a lone read’s append before record() returns, so the caller can build its answer during the fsync', async () => {
    await logger.record(context, read('case-0')); // the first record of a month waits for the stream's tail
    store.appends.length = 0;
    const durable = logger.record(context, read('case-a'));
    expect(store.appends).toEqual([{ streamId: stream, caseIds: ['case-a'] }]);
    await durable;
    expect(await loggedCases()).toEqual(['case-0', 'case-a']);
  });

  it('appends the reads that arrive while an append is in flight together, after it, in order', async () => {
    const reads = ['case-a', 'case-b', 'case-c', 'case-d'].map((caseId) => logger.record(context, read(caseId)));
    await Promise.all(reads);
    expect(store.appends.map((append) => append.caseIds)).toEqual([['case-a'], ['case-b', 'case-c', 'case-d']]);
    expect(await loggedCases()).toEqual(['case-a', 'case-b', 'case-c', 'case-d']);
  });

  it('refuses with 503 exactly the reads of a failed append, and appends the next ones', async () => {
    store.refuse = true;
    const refused = [logger.record(context, read('case-a')), logger.record(context, read('case-b'))];
    const outcomes = await Promise.allSettled(refused);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    const error = (outcomes[0] as PromiseRejectedResult).reason as ProblemException;
    expect(error).toBeInstanceOf(ProblemException);
    expect(error.problem.status).toBe(503);

    store.refuse = false;
    await logger.record(context, read('case-c'));
    expect(await loggedCases()).toEqual(['case-c']);
  });

  it('seals every record, chained to the one before it in the month, across batches', async () => {
    await Promise.all(['case-a', 'case-b', 'case-c', 'case-d'].map((caseId) => logger.record(context, read(caseId))));
    await logger.record(context, read('case-e'));
    const verdict = await verifyAccessMonth(store, '2026-03');
    expect(verdict).toMatchObject({ ok: true, events: 5, firstBroken: null, streamId: stream });
    const events = await store.readStream(stream);
    expect(verdict.head).toBe(sealOf(events[4].metadata)?.hash);
    expect(events.map((event) => sealOf(event.metadata)?.previous)).toEqual([null, ...events.slice(0, 4).map((event) => sealOf(event.metadata)?.hash)]);
  });

  it('keeps one chain when another process appends to the same month in between', async () => {
    const other = new SqliteEventStore(join(dir, 'events.sqlite'));
    try {
      const otherLogger = new AccessLogger(other, new FixedClock());
      await logger.record(context, read('case-a'));
      await otherLogger.record(context, read('case-b'));
      await logger.record(context, read('case-c')); // refused at its stale revision, sealed again after case-b
      await otherLogger.record(context, read('case-d'));
      expect(await loggedCases()).toEqual(['case-a', 'case-b', 'case-c', 'case-d']);
      expect(await verifyAccessMonth(store, '2026-03')).toMatchObject({ ok: true, events: 4 });
    } finally {
      await other.close();
    }
  });

  it('shows a record changed in the file afterwards, at exactly that record', async () => {
    for (const caseId of ['case-a', 'case-b', 'case-c']) await logger.record(context, read(caseId));
    const file = new Database(join(dir, 'events.sqlite'));
    try {
      file.prepare(`UPDATE events SET data = json_set(data, '$.sub', 'someone-else') WHERE stream_id = ? AND revision = 1`).run(stream);
    } finally {
      file.close();
    }
    const verdict = await verifyAccessMonth(store, '2026-03');
    expect(verdict).toMatchObject({ ok: false, events: 3, head: null, firstBroken: { revision: 1, reason: 'HASH_MISMATCH' } });
  });
});
