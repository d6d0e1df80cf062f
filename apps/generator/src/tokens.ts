import type { RecordingActor } from '@app/domain/integrity';
import { isInstitution, isRole } from '../../api/src/auth/actor';
import { resolveSigningSecret } from '../../api/src/auth/signing-secret';
import { issueToken } from '../../api/src/auth/token-issuer';
import type { AppConfig } from '../../api/src/config/app-config';

/**
 * Bearer tokens for writing through the api. With --token every step goes with that token (an admin's, or a
 * protector's for cases of their institution). Otherwise each step goes with a token for the protector who
 * records it, minted like `npm run token` does, with the service's own signing secret (AUTH_JWT_SECRET or the
 * one generated under DATA_DIR) - so the events carry the same actors as on the bulk path.
 */
export async function apiTokens(config: AppConfig, token: string | undefined): Promise<(actor: RecordingActor) => Promise<string>> {
  if (token !== undefined) return async () => token;
  if (config.auth.jwksUrl) {
    throw new Error('AUTH_JWKS_URL is set: tokens come from your identity provider; pass one with --token');
  }
  const secret = resolveSigningSecret(config.auth.jwtSecret, config.dataDir);
  const minted = new Map<string, Promise<string>>();
  return (actor) => {
    let pending = minted.get(actor.sub);
    if (!pending) {
      if (!isRole(actor.role) || (actor.institution !== undefined && !isInstitution(actor.institution))) {
        throw new Error(`cannot mint a token for ${JSON.stringify(actor)}`);
      }
      pending = issueToken(
        secret,
        { sub: actor.sub, role: actor.role, institution: actor.institution },
        { expiresIn: '12h', issuer: config.auth.issuer, audience: config.auth.audience },
      );
      minted.set(actor.sub, pending);
    }
    return pending;
  };
}
