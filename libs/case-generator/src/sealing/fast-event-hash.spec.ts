import { eventHash, type HashableEvent, NotCanonicalizableError } from '@app/domain/integrity';
import { checkedEventHash, fastEventHash } from './fast-event-hash';

const event = (data: unknown, metadata: Record<string, unknown> = {}): HashableEvent => ({
  streamId: 'case-0b0c4a4e-36a2-4f39-9a57-3a6ee3d2f0a1',
  revision: 3,
  eventId: '01673a82-24e1-7cc9-b5a9-4b2b8154ff5b',
  type: 'PlanAgreed',
  data,
  metadata: { eventId: 'e', recordedAt: '2021-03-02T10:00:00.000Z', actor: { sub: 'p-1', role: 'protector' }, ...metadata },
});

describe('fastEventHash', () => {
  it.each<[string, unknown]>([
    ['a step', { agreedOn: '2021-03-01', participants: ['PARENTS', 'CHILD'], goals: ['safe at home'] }],
    ['keys in any order, nested', { z: { b: 1, a: [true, null, { y: 'x', x: 'y' }] }, a: -0, m: 1e21, n: 0.1 + 0.2 }],
    ['strings JSON must escape', { reason: 'quote " backslash \\ newline \n tab \t control \u0001' }],
    ['unicode, keys ordered by UTF-16 code units', { ﬀ: 6, '😀': 5, '€': 4, é: 3, a: 2, Z: 1, text: 'é € 😀' }],
    ['a lone surrogate', { text: 'half \ud83d' }],
    ['undefined members left out', { a: 1, team: undefined }],
    ['null data', null],
  ])('gives exactly the domain eventHash for %s', (_name, data) => {
    for (const previous of [null, 'a'.repeat(64)]) {
      expect(fastEventHash(previous, event(data))).toBe(eventHash(previous, event(data)));
    }
  });

  it.each<[string, Record<string, unknown>]>([
    ['as generated', { eventId: 'e', schemaVersion: 1, recordedAt: 'r', actor: { sub: 'p', role: 'protector', institution: 'JBRR' }, correlationId: 'c', causationId: 'c' }],
    ['without an institution', { eventId: 'e', schemaVersion: 1, recordedAt: 'r', actor: { sub: 'a', role: 'admin' }, correlationId: 'c', causationId: 'c' }],
    ['with more members', { eventId: 'e', schemaVersion: 1, recordedAt: 'r', actor: { sub: 'p', role: 'protector', institution: 'WSS' }, correlationId: 'c', causationId: 'c', idempotency: { key: 'k', requestHash: 'h' } }],
  ])('writes metadata %s as the canonical form does', (_name, metadata) => {
    const hashed = { ...event({ a: 1 }), metadata };
    expect(fastEventHash('b'.repeat(64), hashed)).toBe(eventHash('b'.repeat(64), hashed));
  });

  it('leaves the seal out of the hash, as eventHash does', () => {
    const sealed = event({ a: 1 }, { integrity: { alg: 'sha256', previous: null, hash: 'f'.repeat(64) } });
    expect(fastEventHash(null, sealed)).toBe(eventHash(null, event({ a: 1 })));
  });

  it.each<[string, unknown]>([
    ['NaN', { n: NaN }],
    ['a Date', { at: new Date(0) }],
    ['undefined in an array', [1, undefined]],
    ['a bigint', { n: 1n }],
  ])('refuses %s, as the canonical form does', (_name, data) => {
    expect(() => eventHash(null, event(data))).toThrow(NotCanonicalizableError);
    expect(() => fastEventHash(null, event(data))).toThrow(NotCanonicalizableError);
  });
});

describe('checkedEventHash', () => {
  it("stops the run when the fast hash and the domain's differ on a checked event", () => {
    const check = checkedEventHash(1);
    // A getter that answers differently the second time makes the two computations see different data.
    let reads = 0;
    const shifty = { get value() { reads += 1; return reads === 1 ? 'one' : 'two'; } };
    expect(() => check(null, event(shifty))).toThrow('sealing differs');
  });

  it('checks the first event and then every n-th', () => {
    const check = checkedEventHash(3);
    const shifty = () => {
      let reads = 0;
      return { get value() { reads += 1; return reads === 1 ? 'one' : 'two'; } };
    };
    const plain = () => ({ value: 'same' });
    expect(() => check(null, event(plain()))).not.toThrow(); // 1: checked
    expect(() => check(null, event(shifty()))).not.toThrow(); // 2: not checked
    expect(() => check(null, event(shifty()))).not.toThrow(); // 3: not checked
    expect(() => check(null, event(shifty()))).toThrow('sealing differs'); // 4: checked
  });
});
