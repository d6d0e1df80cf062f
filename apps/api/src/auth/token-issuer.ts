import { SignJWT } from 'jose';
import type { Actor } from './actor';

/** Signs HS256 tokens with the service's own secret: for the embedded default, tests and local use. */
export async function issueToken(
  secret: Uint8Array,
  actor: Actor,
  options: { expiresIn?: string | number; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ role: actor.role, ...(actor.institution ? { institution: actor.institution } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(secret);
}
