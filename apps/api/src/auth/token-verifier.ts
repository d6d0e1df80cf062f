import { createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { Actor, isInstitution, isRole } from './actor';
import { VerifiedTokens } from './verified-tokens';

/** 401/403: the caller's token is at fault; 503: the identity provider's keys could not be fetched. */
export type TokenFailure = { status: 401 | 403 | 503; detail: string };

export type VerifiedToken = { ok: true; actor: Actor } | { ok: false; failure: TokenFailure };

export interface TokenVerifierOptions {
  /** HS256 secret (AUTH_JWT_SECRET or the generated one). */
  secret?: Uint8Array;
  /** RS256 keys from an OIDC provider's JWKS. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

/**
 * Verifies bearer JWTs and turns their claims into an Actor. Signature and expiry are jose's job; a token it
 * accepted is taken on trust for a while after (see VerifiedTokens).
 */
export class TokenVerifier {
  private readonly key: KeyObject | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(
    private readonly options: TokenVerifierOptions,
    private readonly verified = new VerifiedTokens(),
  ) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms = ['RS256'];
    } else if (options.secret) {
      // Imported once: given the bytes, jose imports the key again on every verification.
      this.key = createSecretKey(options.secret);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('TokenVerifier needs a secret or a JWKS URL');
    }
  }

  async verify(token: string): Promise<VerifiedToken> {
    const known = this.verified.actorOf(token);
    if (known) return { ok: true, actor: known };
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['exp'],
      };
      // jwtVerify is overloaded on the key kind; branch so each call type-checks.
      ({ payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, verifyOptions)
          : await jwtVerify(token, this.key, verifyOptions));
    } catch (error) {
      if (this.options.jwksUrl && keysUnavailable(error)) {
        return { ok: false, failure: { status: 503, detail: 'The identity provider’s signing keys could not be fetched.' } };
      }
      return { ok: false, failure: { status: 401, detail: describeFailure(error) } };
    }
    const verified = claimsToActor(payload);
    // exp is a required claim: jose refuses a token without it.
    if (verified.ok) this.verified.remember(token, verified.actor, payload.exp as number);
    return verified;
  }
}

/** A JWKS that cannot be fetched is an outage, not a bad token: anything but jose's own verdicts. */
function keysUnavailable(error: unknown): boolean {
  return error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError);
}

function describeFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token claim "${error.claim}" is not valid.`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm that is not accepted.';
  return 'The token could not be verified.';
}

function claimsToActor(payload: JWTPayload): VerifiedToken {
  const { sub, role, institution } = payload as JWTPayload & { role?: unknown; institution?: unknown };
  if (typeof sub !== 'string' || sub.length === 0) {
    return { ok: false, failure: { status: 401, detail: 'The token has no subject (sub).' } };
  }
  if (!isRole(role)) {
    return { ok: false, failure: { status: 403, detail: `The role ${JSON.stringify(role)} is not known.` } };
  }
  if (institution !== undefined && !isInstitution(institution)) {
    return { ok: false, failure: { status: 403, detail: `The institution ${JSON.stringify(institution)} is not known.` } };
  }
  if (role === 'protector' && institution === undefined) {
    return { ok: false, failure: { status: 403, detail: 'A protector token must name an institution.' } };
  }
  return { ok: true, actor: { sub, role, ...(institution ? { institution } : {}) } };
}
