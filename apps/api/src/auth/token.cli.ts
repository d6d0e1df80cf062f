/**
 * `npm run token -- --role <role> [--institution <GI>] [--sub <id>] [--expires-in 8h]`
 * Prints just a token, signed with the same secret the service uses (AUTH_JWT_SECRET or the one generated
 * under DATA_DIR), so `curl -H "Authorization: Bearer $(npm run -s token -- --role admin)"` works at once.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/app-config';
import { isInstitution, isRole, ROLES } from './actor';
import { resolveSigningSecret } from './signing-secret';
import { issueToken } from './token-issuer';
import { INSTITUTIONS } from '@app/domain';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      institution: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string', default: '8h' },
    },
  });
  if (!isRole(values.role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (values.institution !== undefined && !isInstitution(values.institution)) {
    fail(`--institution must be one of ${INSTITUTIONS.join(', ')}`);
  }
  if (values.role === 'protector' && !values.institution) fail('a protector needs --institution');

  const config = loadConfig();
  if (config.auth.jwksUrl) fail('AUTH_JWKS_URL is set: tokens come from your identity provider, not from here');
  const secret = resolveSigningSecret(config.auth.jwtSecret, config.dataDir);
  const token = await issueToken(
    secret,
    { sub: values.sub ?? `${values.role}-local`, role: values.role, institution: values.institution },
    { expiresIn: values['expires-in'], issuer: config.auth.issuer, audience: config.auth.audience },
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => fail(error.message));
