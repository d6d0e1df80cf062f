import { resolve } from 'node:path';
import { decodeMasterKey } from '../persons/key-wrapper';

/**
 * The service's settings, read once from the environment at start. Every bad setting is reported on its own
 * line, so an operator fixes them in one go instead of one restart per mistake.
 */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: 'sqlite' | 'esdb';
  eventStoreConnectionString?: string;
  auth: {
    jwtSecret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
  };
  logLevel: string;
  bodyLimitBytes: number;
  /** How often a command without If-Match reloads and decides again after a concurrent append. */
  commandRetryLimit: number;
  readModels: {
    /** PostgreSQL for the read models; absent: SQLite under DATA_DIR. */
    databaseUrl?: string;
    /** Run the projection runner inside the api (default), or leave it to apps/projector. */
    runInProcess: boolean;
    /** How long a query with ?minPosition= waits for the read models to catch up. */
    minPositionWaitMs: number;
  };
  kpi: {
    /** Disclosure control: analysts see counts from 1 to K-1 as null. */
    minCount: number;
    /** Caseload norm: families per protector ("the norm is now 16 families", seed 003). */
    caseloadNormFamilies: number;
  };
  vault: {
    /**
     * VAULT_MASTER_KEY: 32 bytes in base64, wrapping the identity vault's per-person keys. Absent: one is
     * generated once under DATA_DIR/vault-master-key (see persons/key-wrapper.ts).
     */
    masterKey?: string;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

function integerSetting(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}=${raw}: must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

function urlSetting(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name}: must use ${protocols.join(' or ')}, got ${url.protocol}`);
    }
  } catch {
    problems.push(`${name}: not a valid URL`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const port = integerSetting(env, 'PORT', 3000, 0, 65535, problems);
  const bodyLimitBytes = integerSetting(env, 'BODY_LIMIT_BYTES', 100 * 1024, 1024, 10 * 1024 * 1024, problems);
  const commandRetryLimit = integerSetting(env, 'COMMAND_RETRY_LIMIT', 100, 1, 10000, problems);
  const minPositionWaitMs = integerSetting(env, 'MIN_POSITION_WAIT_MS', 5000, 0, 60000, problems);
  const disclosureMinCount = integerSetting(env, 'DISCLOSURE_MIN_COUNT', 5, 1, 1000, problems);
  const caseloadNormFamilies = integerSetting(env, 'CASELOAD_NORM_FAMILIES', 16, 1, 1000, problems);
  const readModelDatabaseUrl = urlSetting(env, 'READ_MODEL_DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const runInProcess = env.PROJECTIONS_IN_PROCESS || 'true';
  if (runInProcess !== 'true' && runInProcess !== 'false') {
    problems.push(`PROJECTIONS_IN_PROCESS=${runInProcess}: must be true or false`);
  }

  const eventStore = (env.EVENT_STORE || 'sqlite') as AppConfig['eventStore'];
  if (eventStore !== 'sqlite' && eventStore !== 'esdb') {
    problems.push(`EVENT_STORE=${env.EVENT_STORE}: must be sqlite or esdb`);
  }
  const eventStoreConnectionString = urlSetting(
    env,
    'EVENTSTORE_CONNECTION_STRING',
    ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:'],
    problems,
  );
  if (eventStore === 'esdb' && !eventStoreConnectionString) {
    problems.push('EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=esdb (e.g. esdb://localhost:2113?tls=false)');
  }

  const jwtSecret = env.AUTH_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < 32) {
    problems.push('AUTH_JWT_SECRET: must be at least 32 bytes for HS256');
  }
  const jwksUrl = urlSetting(env, 'AUTH_JWKS_URL', ['https:', 'http:'], problems);
  if (jwtSecret && jwksUrl) {
    problems.push('AUTH_JWT_SECRET and AUTH_JWKS_URL: set one of them, not both');
  }

  const vaultMasterKey = env.VAULT_MASTER_KEY || undefined;
  if (vaultMasterKey !== undefined && !decodeMasterKey(vaultMasterKey)) {
    // The value is a secret: never repeat it.
    problems.push('VAULT_MASTER_KEY: must be exactly 32 bytes in base64 (44 characters, e.g. `openssl rand -base64 32`)');
  }

  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel}: must be one of ${LOG_LEVELS.join(', ')}`);

  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    eventStore,
    eventStoreConnectionString,
    auth: {
      jwtSecret,
      jwksUrl,
      issuer: env.AUTH_JWT_ISSUER || undefined,
      audience: env.AUTH_JWT_AUDIENCE || undefined,
    },
    logLevel,
    bodyLimitBytes,
    commandRetryLimit,
    readModels: { databaseUrl: readModelDatabaseUrl, runInProcess: runInProcess !== 'false', minPositionWaitMs },
    kpi: { minCount: disclosureMinCount, caseloadNormFamilies },
    vault: { masterKey: vaultMasterKey },
  };
}
