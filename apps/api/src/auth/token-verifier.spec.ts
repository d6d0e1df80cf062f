import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { issueToken } from './token-issuer';
import { TokenVerifier } from './token-verifier';

const secret = new TextEncoder().encode('unit-test-secret-that-is-long-enough-0123456789');

describe('TokenVerifier with an HS256 secret', () => {
  const verifier = new TokenVerifier({ secret });

  it('accepts a valid token and reads sub, role and institution', async () => {
    const token = await issueToken(secret, { sub: 'prot-9', role: 'protector', institution: 'WSS' });
    expect(await verifier.verify(token)).toEqual({ ok: true, actor: { sub: 'prot-9', role: 'protector', institution: 'WSS' } });
  });

  it('refuses a token without expiry', async () => {
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('a').sign(secret);
    expect(await verifier.verify(token)).toMatchObject({ ok: false, failure: { status: 401 } });
  });

  it('refuses an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'a', role: 'admin', exp: 9999999999 })).toString('base64url');
    expect(await verifier.verify(`${header}.${body}.`)).toMatchObject({ ok: false, failure: { status: 401 } });
  });
});

describe('TokenVerifier with RS256 keys from a JWKS URL (an OIDC provider)', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const rs256 = (claims: Record<string, unknown>, issuer = 'https://idp.test') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setSubject('aud-4')
      .setIssuer(issuer)
      .setExpirationTime('5m')
      .sign(privateKey);

  it('accepts a token signed by the provider', async () => {
    const verifier = new TokenVerifier({ jwksUrl, issuer: 'https://idp.test' });
    expect(await verifier.verify(await rs256({ role: 'auditor' }))).toEqual({ ok: true, actor: { sub: 'aud-4', role: 'auditor' } });
  });

  it('refuses a token from another issuer and an HS256 token', async () => {
    const verifier = new TokenVerifier({ jwksUrl, issuer: 'https://idp.test' });
    expect(await verifier.verify(await rs256({ role: 'auditor' }, 'https://evil.test'))).toMatchObject({ ok: false, failure: { status: 401 } });
    const hs = await issueToken(secret, { sub: 'x', role: 'admin' });
    expect(await verifier.verify(hs)).toMatchObject({ ok: false, failure: { status: 401 } });
  });
});

describe('TokenVerifier when the identity provider is unreachable', () => {
  it('answers 503, not 401: the token may be fine', async () => {
    const unreachable = new TokenVerifier({ jwksUrl: 'http://127.0.0.1:9/jwks' });
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).setSubject('a').setExpirationTime('5m').sign(privateKey);
    expect(await unreachable.verify(token)).toMatchObject({ ok: false, failure: { status: 503 } });
  });
});
