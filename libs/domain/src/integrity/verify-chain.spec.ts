import { createHash } from 'node:crypto';
import { canonicalize } from './canonical-json';
import { eventHash, sealEvent } from './event-hash';
import { type ChainEvent, verifyChain } from './verify-chain';

const STREAM = 'case-0b0c4a4e-36a2-4f39-9a57-3a6ee3d2f0a1';

/** A stream as CaseStream writes it: each event sealed after the one before it. */
function sealedStream(steps: { type: string; data: unknown }[]): ChainEvent[] {
  const events: ChainEvent[] = [];
  let previous: string | null = null;
  steps.forEach(({ type, data }, revision) => {
    const metadata: Record<string, unknown> = { eventId: `e${revision}`, recordedAt: `2021-03-0${revision + 1}T09:00:00.000Z`, actor: { sub: 'prot-1' } };
    const event = { streamId: STREAM, revision, eventId: `e${revision}`, type, data, metadata, position: String(100 + revision) };
    const seal = sealEvent(previous, event);
    events.push({ ...event, metadata: { ...metadata, integrity: seal } });
    previous = seal.hash;
  });
  return events;
}

const CASE = [
  { type: 'MeasureImposed', data: { caseId: 'c1', institution: 'JBRR', pronouncedOn: '2021-03-01' } },
  { type: 'GuardianAssigned', data: { protectorRef: 'prot-1', assignedOn: '2021-03-11', reason: 'INITIAL' } },
  { type: 'PlanAgreed', data: { agreedOn: '2021-03-19', participants: ['PARENTS'] } },
];
const hashOf = (event: ChainEvent): string => (event.metadata.integrity as { hash: string }).hash;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('eventHash', () => {
  it('is SHA-256 hex over the canonical {previous, streamId, revision, eventId, type, data, metadata}', () => {
    const [event] = sealedStream(CASE);
    const { integrity: _seal, ...metadata } = event.metadata;
    const content = { previous: null, streamId: STREAM, revision: 0, eventId: 'e0', type: 'MeasureImposed', data: event.data, metadata };
    expect(eventHash(null, event)).toBe(createHash('sha256').update(canonicalize(content)).digest('hex'));
    expect(eventHash(null, event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the canonical text as UTF-8', () => {
    const [event] = sealedStream(CASE);
    const text = { ...event, data: { note: 'één € 😀' } };
    const { integrity: _seal, ...metadata } = text.metadata;
    const content = { previous: null, streamId: STREAM, revision: 0, eventId: 'e0', type: 'MeasureImposed', data: text.data, metadata };
    expect(eventHash(null, text)).toBe(createHash('sha256').update(Buffer.from(canonicalize(content), 'utf8')).digest('hex'));
  });

  it('does not depend on key order, and ignores the seal itself and the log position', () => {
    const [event] = sealedStream(CASE);
    const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse());
    const { integrity: _seal, ...unsealed } = event.metadata;
    const rebuilt = { ...event, data: reversed(event.data as object), metadata: reversed(unsealed), position: '9999' };
    expect(eventHash(null, rebuilt)).toBe(eventHash(null, event));
  });

  it('changes with the previous hash, so an event is bound to its place in the chain', () => {
    const [event] = sealedStream(CASE);
    expect(eventHash('0'.repeat(64), event)).not.toBe(eventHash(null, event));
  });
});

describe('verifyChain', () => {
  it('holds for a stream as written, and ends in the last event’s hash', () => {
    const stream = sealedStream(CASE);
    expect(verifyChain(stream)).toEqual({ ok: true, events: 3, firstBroken: null, head: hashOf(stream[2]) });
    expect(verifyChain(clone(stream)).ok).toBe(true);
    expect(verifyChain([])).toEqual({ ok: true, events: 0, firstBroken: null, head: null });
  });

  it('links each event to the previous one: the first names null, every other the hash before it', () => {
    const stream = sealedStream(CASE);
    const seals = stream.map((e) => e.metadata.integrity as { previous: string | null; hash: string });
    expect(seals.map((s) => s.previous)).toEqual([null, seals[0].hash, seals[1].hash]);
  });

  it('breaks at exactly the event of which one byte changed (HASH_MISMATCH)', () => {
    const stream = clone(sealedStream(CASE));
    (stream[1].data as { assignedOn: string }).assignedOn = '2021-03-08';
    expect(verifyChain(stream)).toEqual({
      ok: false,
      events: 3,
      firstBroken: { eventId: 'e1', revision: 1, position: '101', reason: 'HASH_MISMATCH' },
      head: null,
    });
  });

  it('breaks when metadata, type or revision change, not only data', () => {
    const edits: ((e: ChainEvent) => void)[] = [
      (e) => ((e.metadata.actor as { sub: string }).sub = 'someone-else'),
      (e) => (e.type = 'PlanAgreedX'),
      (e) => (e.revision = 7),
      (e) => (e.metadata.recordedAt = '2021-03-03T09:00:00.001Z'),
    ];
    for (const edit of edits) {
      const stream = clone(sealedStream(CASE));
      edit(stream[2]);
      expect(verifyChain(stream).firstBroken).toMatchObject({ eventId: 'e2', reason: 'HASH_MISMATCH' });
    }
  });

  it('breaks at the event after a removed one (PREVIOUS_MISMATCH), also when the first is removed', () => {
    const stream = sealedStream(CASE);
    expect(verifyChain([stream[0], stream[2]]).firstBroken).toMatchObject({ eventId: 'e2', reason: 'PREVIOUS_MISMATCH' });
    expect(verifyChain(stream.slice(1)).firstBroken).toMatchObject({ eventId: 'e1', reason: 'PREVIOUS_MISMATCH' });
    expect(verifyChain([stream[1], stream[0], stream[2]]).firstBroken).toMatchObject({ eventId: 'e1', reason: 'PREVIOUS_MISMATCH' });
  });

  it('breaks at the next event when an altered event was re-sealed on its own', () => {
    const stream = clone(sealedStream(CASE));
    (stream[1].data as { assignedOn: string }).assignedOn = '2021-03-08';
    stream[1].metadata.integrity = sealEvent(hashOf(stream[0]), stream[1]);
    expect(verifyChain(stream.slice(0, 2)).ok).toBe(true); // re-sealed, it holds on its own...
    // ...but the event after it still names the old hash. (Re-sealing to the end goes unseen without a head
    // kept elsewhere: see ChainVerdict.head.)
    expect(verifyChain(stream).firstBroken).toMatchObject({ eventId: 'e2', reason: 'PREVIOUS_MISMATCH' });
  });

  it('reports an event without a usable seal (MISSING_HASH)', () => {
    const variants: unknown[] = [undefined, null, 'abc', { alg: 'sha1', previous: null, hash: 'a'.repeat(64) }, { alg: 'sha256', previous: null, hash: 'XYZ' }];
    for (const integrity of variants) {
      const stream = clone(sealedStream(CASE));
      stream[0].metadata.integrity = integrity;
      if (integrity === undefined) delete stream[0].metadata.integrity;
      expect(verifyChain(stream).firstBroken).toEqual({ eventId: 'e0', revision: 0, position: '100', reason: 'MISSING_HASH' });
    }
  });
});
