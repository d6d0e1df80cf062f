/**
 * The environment the bench gives the service and its CLIs: the caller's, minus every setting of the service
 * (a READ_MODEL_DATABASE_URL or EVENT_STORE left in a shell must not leak into a measurement), plus the bench's.
 */
const SERVICE_SETTINGS = [
  'PORT', 'HOST', 'DATA_DIR', 'EVENT_STORE', 'EVENTSTORE_CONNECTION_STRING', 'AUTH_JWT_SECRET', 'AUTH_JWKS_URL',
  'AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE', 'LOG_LEVEL', 'BODY_LIMIT_BYTES', 'COMMAND_RETRY_LIMIT',
  'READ_MODEL_DATABASE_URL', 'PROJECTIONS_IN_PROCESS', 'MIN_POSITION_WAIT_MS', 'DISCLOSURE_MIN_COUNT',
  'CASELOAD_NORM_FAMILIES', 'VAULT_MASTER_KEY', 'NODE_OPTIONS',
];

export function serviceEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SERVICE_SETTINGS) delete env[name];
  return { ...env, ...settings };
}
