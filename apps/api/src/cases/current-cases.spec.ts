import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CaseCommand } from '@app/domain';
import { measureImposed } from '@app/domain/case/testing/case-fixtures';
import { verifyChain } from '@app/domain/integrity';
import { SqliteEventStore, caseStreamId } from '@app/event-store';
import { chainEventOf } from '../audit/integrity/case-chain.reader';
import type { AppConfig } from '../config/app-config';
import { Clock } from '../config/clock';
import { ProblemException } from '../problem-details/problem';
import type { CommandContext } from '../request-context/command-context';
import { CaseStepRecorder } from './case-step-recorder';
import { CaseStream } from './case-stream';
import { CurrentCases } from './current-cases';

/**
 * The cache of current cases behind the command path, on SQLite files that a second store instance (standing in
 * for another process) appends to as well: what the cache knows must never hide what the log holds.
 */

class FixedClock extends Clock {
  now(): Date {
    return new Date('2021-09-01T10:00:00Z');
  }
}

const context = (over: Partial<CommandContext> = {}): CommandContext => ({
  actor: { sub: 'prot-1', role: 'protector', institution: 'JBRR' },
  requestId: randomUUID(),
  correlationId: randomUUID(),
  requestHash: 'hash-a',
  ...over,
});
const impose = (caseId: string): CaseCommand => ({ type: 'ImposeMeasure', data: measureImposed({ caseId }).data });
const explain = (reason: string): CaseCommand => ({ type: 'ExplainDeadline', data: { norm: 'HELP', explainedOn: '2021-06-02', reason } });

/** One process's command path: its own store connection, stream, cache and recorder. */
class Process {
  readonly store: SqliteEventStore;
  readonly stream: CaseStream;
  readonly cases: CurrentCases;
  readonly recorder: CaseStepRecorder;

  constructor(file: string, capacity?: number) {
    this.store = new SqliteEventStore(file);
    const clock = new FixedClock();
    this.stream = new CaseStream(this.store, clock);
    this.cases = new CurrentCases(this.store, this.stream, capacity);
    this.recorder = new CaseStepRecorder(this.cases, this.stream, clock, { commandRetryLimit: 5 } as AppConfig);
  }
}

let directory: string;
let file: string;
let processes: Process[];
const start = (capacity?: number): Process => {
  const started = new Process(file, capacity);
  processes.push(started);
  return started;
};

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'current-cases-'));
  file = join(directory, 'events.sqlite');
  processes = [];
});
afterEach(async () => {
  await Promise.all(processes.map((p) => p.store.close()));
  rmSync(directory, { recursive: true, force: true });
});

async function chainOf(store: SqliteEventStore, caseId: string) {
  return verifyChain((await store.readStream(caseStreamId(caseId))).map(chainEventOf));
}

it('holds the same state, version and last event as a fold of the whole stream', async () => {
  const api = start();
  const caseId = randomUUID();
  await api.recorder.record(caseId, impose(caseId), context());
  for (const reason of ['one', 'two', 'three']) await api.recorder.record(caseId, explain(reason), context());

  const cached = await api.cases.load(caseId);
  const whole = await api.stream.load(caseId);
  expect(cached.version).toBe(4);
  expect(cached.state).toEqual(whole.state);
  expect(cached.last).toEqual(whole.events.at(-1));
});

it('reads only the events after the version it holds', async () => {
  const api = start();
  const caseId = randomUUID();
  await api.recorder.record(caseId, impose(caseId), context());
  await api.recorder.record(caseId, explain('one'), context());
  const reads = jest.spyOn(api.store, 'readStream');

  await api.recorder.record(caseId, explain('two'), context());
  await api.cases.load(caseId);

  expect(reads.mock.calls).toEqual([
    [caseStreamId(caseId), { fromRevision: 1 }], // the command: its own last append was not read yet
    [caseStreamId(caseId), { fromRevision: 2 }],
  ]);
});

it('sees an append by another process between two commands, and seals after it', async () => {
  const api = start();
  const other = start();
  const caseId = randomUUID();
  await api.recorder.record(caseId, impose(caseId), context());
  await api.recorder.record(caseId, explain('mine'), context());

  const theirs = await other.recorder.record(caseId, explain('theirs'), context());
  const mine = await api.recorder.record(caseId, explain('mine again'), context());

  expect(theirs.version).toBe(3);
  expect(mine.version).toBe(4);
  const current = await api.cases.load(caseId);
  expect(current.state).toEqual((await other.stream.load(caseId)).state);
  expect(current.state.entries.map((entry) => (entry.data as { reason?: string }).reason)).toEqual([undefined, 'mine', 'theirs', 'mine again']);
  expect(await chainOf(api.store, caseId)).toMatchObject({ ok: true, events: 4, firstBroken: null });
});

it('answers If-Match with the version another process moved the case to', async () => {
  const api = start();
  const other = start();
  const caseId = randomUUID();
  await api.recorder.record(caseId, impose(caseId), context());
  await other.recorder.record(caseId, explain('theirs'), context());

  const stale = api.recorder.record(caseId, explain('based on version 1'), context({ ifMatch: 1 }));

  await expect(stale).rejects.toMatchObject({ problem: expect.objectContaining({ status: 409, currentVersion: 2 }) });
  expect((await api.store.readStream(caseStreamId(caseId))).length).toBe(2);
});

describe('an append by another process between the load and the append', () => {
  /** The other process appends right after api's next read of the case, before api appends. */
  function interleave(api: Process, other: Process, caseId: string): void {
    const read = api.store.readStream.bind(api.store);
    jest.spyOn(api.store, 'readStream').mockImplementationOnce(async (...args) => {
      const events = await read(...args);
      await other.recorder.record(caseId, explain('theirs'), context());
      return events;
    });
  }

  it('is retried on the new state without If-Match: nothing lost, one chain', async () => {
    const api = start();
    const other = start();
    const caseId = randomUUID();
    await api.recorder.record(caseId, impose(caseId), context());
    const append = jest.spyOn(api.stream, 'append');
    interleave(api, other, caseId);

    const mine = await api.recorder.record(caseId, explain('mine'), context());

    expect(append).toHaveBeenCalledTimes(2); // refused once, then sealed after theirs
    expect(mine.version).toBe(3);
    const reasons = (await api.cases.load(caseId)).state.entries.map((entry) => (entry.data as { reason?: string }).reason);
    expect(reasons).toEqual([undefined, 'theirs', 'mine']);
    expect(await chainOf(api.store, caseId)).toMatchObject({ ok: true, events: 3, firstBroken: null });
  });

  it('is a 409 with If-Match, and nothing of the refused command is stored', async () => {
    const api = start();
    const other = start();
    const caseId = randomUUID();
    await api.recorder.record(caseId, impose(caseId), context());
    interleave(api, other, caseId);

    const refused = api.recorder.record(caseId, explain('mine'), context({ ifMatch: 1 }));

    await expect(refused).rejects.toBeInstanceOf(ProblemException);
    await expect(refused).rejects.toMatchObject({ problem: expect.objectContaining({ status: 409, currentVersion: 2 }) });
    expect((await api.store.readStream(caseStreamId(caseId))).map((e) => (e.data as { reason?: string }).reason)).toEqual([undefined, 'theirs']);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer, from the cache, after eviction and in another process', async () => {
    const api = start(1);
    const other = start();
    const caseId = randomUUID();
    await api.recorder.record(caseId, impose(caseId), context());
    const first = await api.recorder.record(caseId, explain('once'), context({ idempotencyKey: 'key-1' }));
    await api.recorder.record(caseId, explain('later'), context({ idempotencyKey: 'key-2' }));

    const cached = await api.recorder.record(caseId, explain('once'), context({ idempotencyKey: 'key-1' }));
    const otherCase = randomUUID();
    await api.recorder.record(otherCase, impose(otherCase), context()); // evicts caseId (capacity 1)
    const afterEviction = await api.recorder.record(caseId, explain('once'), context({ idempotencyKey: 'key-1' }));
    const elsewhere = await other.recorder.record(caseId, explain('once'), context({ idempotencyKey: 'key-1' }));

    const expected = { ...first, replayed: true };
    expect(first).toMatchObject({ version: 2, replayed: false });
    expect([cached, afterEviction, elsewhere]).toEqual([expected, expected, expected]);
    expect((await api.store.readStream(caseStreamId(caseId))).length).toBe(3);
  });

  it('is per caller, and refuses a key reused for another request', async () => {
    const api = start();
    const caseId = randomUUID();
    await api.recorder.record(caseId, impose(caseId), context());
    await api.recorder.record(caseId, explain('once'), context({ idempotencyKey: 'key-1' }));

    const reused = api.recorder.record(caseId, explain('other'), context({ idempotencyKey: 'key-1', requestHash: 'hash-b' }));
    await expect(reused).rejects.toMatchObject({ problem: expect.objectContaining({ status: 422 }) });
    const anotherCaller = { sub: 'prot-2', role: 'protector' as const, institution: 'JBRR' as const };
    const theirs = await api.recorder.record(caseId, explain('once'), context({ idempotencyKey: 'key-1', actor: anotherCaller }));
    expect(theirs).toMatchObject({ version: 3, replayed: false });
  });
});

it('keeps at most its capacity, dropping the least recently loaded case', async () => {
  const api = start(2);
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  for (const caseId of [a, b]) await api.recorder.record(caseId, impose(caseId), context());
  await api.cases.load(a);
  await api.cases.load(b);
  await api.cases.load(a); // b is now the least recently loaded
  await api.recorder.record(c, impose(c), context());
  await api.cases.load(c);
  expect(api.cases.size).toBe(2);

  const reads = jest.spyOn(api.store, 'readStream');
  await api.cases.load(a);
  await api.cases.load(b);
  expect(reads.mock.calls.map(([, options]) => options)).toEqual([{ fromRevision: 1 }, { fromRevision: 0 }]);
});

it('does not keep a case that does not exist', async () => {
  const api = start();
  const current = await api.cases.load(randomUUID());
  expect(current).toMatchObject({ version: 0, last: undefined, state: { exists: false } });
  expect(api.cases.size).toBe(0);
});
