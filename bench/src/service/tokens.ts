import { randomBytes } from 'node:crypto';
import { INSTITUTIONS, type Institution } from '@app/domain';
import { issueToken } from '../../../apps/api/src/auth/token-issuer';

/**
 * The bench starts the service with its own AUTH_JWT_SECRET and signs its callers' tokens with it, through the
 * service's own issuer (the one behind `npm run token`).
 */
export interface BenchTokens {
  analyst: string;
  auditor: string;
  protector: Record<Institution, string>;
}

export const newSigningSecret = (): string => randomBytes(48).toString('base64url');

export async function mintTokens(secret: string): Promise<BenchTokens> {
  const key = new TextEncoder().encode(secret);
  const sign = (sub: string, role: 'analyst' | 'auditor' | 'protector', institution?: Institution) =>
    issueToken(key, { sub, role, institution }, { expiresIn: '12h' });
  const protector = {} as Record<Institution, string>;
  for (const institution of INSTITUTIONS) protector[institution] = await sign(`bench-prot-${institution.toLowerCase()}`, 'protector', institution);
  return { analyst: await sign('bench-analyst', 'analyst'), auditor: await sign('bench-auditor', 'auditor'), protector };
}
