import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppendResult, type EventToAppend, type ExpectedRevision, SqliteEventStore } from '@app/event-store';
import { Clock } from '../../config/clock';
import { ProblemException } from '../../problem-details/problem';
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
    const durable = logger.record(context, read('case-a'));
    expect(store.appends).toEqual([{ streamId: stream, caseIds: ['case-a'] }]);
    await durable;
    expect(await loggedCases()).toEqual(['case-a']);
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
});
