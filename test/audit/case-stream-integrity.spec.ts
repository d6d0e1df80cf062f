import { type CaseEvent } from '@app/domain';
import { INTEGRITY_ALG, eventHash, verifyChain } from '@app/domain/integrity';
import { SqliteEventStore, WrongExpectedRevisionError, caseStreamId } from '@app/event-store';
import { CaseStream } from '../../apps/api/src/cases/case-stream';
import type { CommandContext } from '../../apps/api/src/request-context/command-context';
import { chainEventOf } from '../../apps/api/src/audit/integrity/case-chain.reader';
import { FixedClock, TEST_NOW } from '../support/test-app';

/**
 * How CaseStream.append seals events, on a real (in-memory) store: each event chained to the stream's last event
 * as loaded, a batch chained within itself, and the seal covering exactly what the store hands back.
 */
const CASE_ID = '5d0f3b1e-8a55-4a8e-9d55-0d1f6f3c2b7a';
const context: CommandContext = {
  actor: { sub: 'prot-1', role: 'protector', institution: 'JBRR' },
  requestId: 'req-1',
  correlationId: 'corr-1',
  requestHash: 'h',
};
const explained = (reason: string): CaseEvent => ({ type: 'DeadlineExplained', data: { norm: 'HELP', explainedOn: '2021-06-02', reason } });
const imposed: CaseEvent = {
  type: 'MeasureImposed',
  data: {
    caseId: CASE_ID,
    childRef: 'child-1',
    familyRef: 'family-1',
    municipalityCode: 'GM0599',
    institution: 'JBRR',
    measureType: 'OTS',
    pronouncedOn: '2021-03-01',
    giNotifiedOn: '2021-03-02',
  },
} as CaseEvent;

let store: SqliteEventStore;
let stream: CaseStream;
beforeEach(() => {
  store = new SqliteEventStore(':memory:');
  stream = new CaseStream(store, new FixedClock(TEST_NOW));
});
afterEach(() => store.close());

const stored = () => store.readStream(caseStreamId(CASE_ID));
const sealOf = (metadata: Record<string, unknown>) => metadata.integrity as { alg: string; previous: string | null; hash: string };

it('seals the first event of a stream to null and the next to the one before it', async () => {
  await stream.append(CASE_ID, [imposed], 0, context, undefined);
  const loaded = await stream.load(CASE_ID);
  await stream.append(CASE_ID, [explained('one')], loaded.version, context, loaded.events.at(-1));
  const [first, second] = await stored();
  expect(sealOf(first.metadata)).toEqual({ alg: INTEGRITY_ALG, previous: null, hash: eventHash(null, chainEventOf(first)) });
  expect(sealOf(second.metadata).previous).toBe(sealOf(first.metadata).hash);
  // The other metadata is untouched: the seal is one more member.
  expect(second.metadata).toMatchObject({ schemaVersion: 1, actor: context.actor, correlationId: 'corr-1', causationId: 'req-1' });
  expect(verifyChain((await stored()).map(chainEventOf))).toMatchObject({ ok: true, events: 2, head: sealOf(second.metadata).hash });
});

it('chains the events of one append within the batch', async () => {
  await stream.append(CASE_ID, [imposed, explained('a'), explained('b')], 0, context, undefined);
  const events = await stored();
  const seals = events.map((event) => sealOf(event.metadata));
  expect(seals.map((seal) => seal.previous)).toEqual([null, seals[0].hash, seals[1].hash]);
  expect(new Set(seals.map((seal) => seal.hash)).size).toBe(3);
  expect(verifyChain(events.map(chainEventOf)).ok).toBe(true);
});

it('never forks: an append sealed to a stale last event is refused, and the reload seals to the new one', async () => {
  await stream.append(CASE_ID, [imposed], 0, context, undefined);
  const stale = await stream.load(CASE_ID);
  await stream.append(CASE_ID, [explained('first')], stale.version, context, stale.events.at(-1));
  await expect(stream.append(CASE_ID, [explained('second')], stale.version, context, stale.events.at(-1))).rejects.toBeInstanceOf(
    WrongExpectedRevisionError,
  );
  const fresh = await stream.load(CASE_ID);
  await stream.append(CASE_ID, [explained('second')], fresh.version, context, fresh.events.at(-1));
  expect(verifyChain((await stored()).map(chainEventOf))).toMatchObject({ ok: true, events: 3, firstBroken: null });
});

it('seals the idempotency key with the event that carries it', async () => {
  await stream.append(CASE_ID, [imposed], 0, { ...context, idempotencyKey: 'key-1' }, undefined);
  const [first] = await stored();
  expect(first.metadata.idempotency).toEqual({ key: 'key-1', requestHash: 'h' });
  expect(eventHash(null, chainEventOf({ ...first, metadata: { ...first.metadata, idempotency: { key: 'key-2', requestHash: 'h' } } }))).not.toBe(
    sealOf(first.metadata).hash,
  );
});
