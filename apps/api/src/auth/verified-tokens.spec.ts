import { SignJWT } from 'jose';
import type { Actor } from './actor';
import { issueToken } from './token-issuer';
import { TokenVerifier } from './token-verifier';
import { VerifiedTokens } from './verified-tokens';

const protector: Actor = { sub: 'prot-1', role: 'protector', institution: 'JBRR' };
const secret = new TextEncoder().encode('unit-test-secret-that-is-long-enough-0123456789');

describe('VerifiedTokens', () => {
  let now = 1_000_000_000_000;
  const clock = () => now;

  it('trusts a token until it expires, at most a minute', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('soon', protector, now / 1000 + 5);
    tokens.remember('later', protector, now / 1000 + 3600);
    expect(tokens.actorOf('soon')).toEqual(protector);
    now += 5_000;
    expect(tokens.actorOf('soon')).toBeUndefined(); // jose refuses it from its exp second on
    expect(tokens.actorOf('later')).toEqual(protector);
    now += 55_000;
    expect(tokens.actorOf('later')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('does not keep a token that has expired already', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('old', protector, now / 1000);
    expect(tokens.actorOf('old')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps at most its capacity, the oldest dropped first', () => {
    const tokens = new VerifiedTokens(2, clock);
    for (const token of ['a', 'b', 'c']) tokens.remember(token, protector, now / 1000 + 60);
    expect(tokens.size).toBe(2);
    expect(['a', 'b', 'c'].map((token) => tokens.actorOf(token) !== undefined)).toEqual([false, true, true]);
  });

  it('hands out a copy that cannot be changed', () => {
    const tokens = new VerifiedTokens(10, clock);
    const actor = { ...protector };
    tokens.remember('t', actor, now / 1000 + 60);
    actor.role = 'admin';
    expect(tokens.actorOf('t')).toEqual(protector);
    expect(Object.isFrozen(tokens.actorOf('t'))).toBe(true);
  });
});

describe('TokenVerifier with remembered tokens', () => {
  it('answers a token it accepted again without verifying it, and only that token', async () => {
    const verified = new VerifiedTokens();
    const verifier = new TokenVerifier({ secret }, verified);
    const token = await issueToken(secret, protector);
    expect(await verifier.verify(token)).toEqual({ ok: true, actor: protector });
    expect(verified.size).toBe(1);

    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await verifier.verify(tampered)).toMatchObject({ ok: false, failure: { status: 401 } });
    expect(await verifier.verify(token)).toEqual({ ok: true, actor: protector });
  });

  it('remembers no refused token, nor one whose claims are refused', async () => {
    const verified = new VerifiedTokens();
    const verifier = new TokenVerifier({ secret }, verified);
    const unknownRole = await new SignJWT({ role: 'janitor' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(secret);
    const otherSecret = await issueToken(new TextEncoder().encode('another-secret-that-is-long-enough-0123456789'), protector);
    expect(await verifier.verify(unknownRole)).toMatchObject({ ok: false, failure: { status: 403 } });
    expect(await verifier.verify(otherSecret)).toMatchObject({ ok: false, failure: { status: 401 } });
    expect(verified.size).toBe(0);
  });
});
