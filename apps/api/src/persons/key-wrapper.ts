import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Wraps (encrypts) and unwraps the per-person data keys of the identity vault. The local implementation uses a
 * master key from configuration; a KMS (Vault transit, AWS/GCP/Azure KMS, an HSM) can implement the same two
 * calls, so the master key never has to leave it.
 */
export interface KeyWrapper {
  wrap(dataKey: Buffer): Promise<Buffer>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

export const KEY_WRAPPER = Symbol('KEY_WRAPPER');

export const MASTER_KEY_BYTES = 32;
const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM key wrapping under a master key held in memory. Wrapped form: version (1 byte) | iv (12) | tag (16)
 * | encrypted key. A wrong master key, or a wrapped key altered in any bit, fails to unwrap (GCM tag check).
 */
export class LocalMasterKeyWrapper implements KeyWrapper {
  private readonly masterKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== MASTER_KEY_BYTES) throw new Error(`The vault master key must be ${MASTER_KEY_BYTES} bytes`);
    this.masterKey = Buffer.from(masterKey);
  }

  async wrap(dataKey: Buffer): Promise<Buffer> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from([FORMAT_V1]));
    const encrypted = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), encrypted]);
  }

  async unwrap(wrapped: Buffer): Promise<Buffer> {
    if (wrapped.length <= 1 + IV_BYTES + TAG_BYTES || wrapped[0] !== FORMAT_V1) throw new Error('Not a wrapped vault key');
    const iv = wrapped.subarray(1, 1 + IV_BYTES);
    const tag = wrapped.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, iv);
    decipher.setAAD(Buffer.from([FORMAT_V1]));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(wrapped.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  }
}

export const MASTER_KEY_FILE = 'vault-master-key';

/** Decodes a base64 master key, or undefined when it is not exactly 32 bytes of canonical base64. */
export function decodeMasterKey(base64: string): Buffer | undefined {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  return key.length === MASTER_KEY_BYTES && key.toString('base64') === trimmed ? key : undefined;
}

/**
 * The master key: VAULT_MASTER_KEY when set (validated by loadConfig). Otherwise a random key is generated once
 * and kept in DATA_DIR/vault-master-key (owner-only), as the JWT secret is (auth/signing-secret.ts), so a local
 * run needs no setup. In production set VAULT_MASTER_KEY or use a KMS: a generated key lies next to the data.
 */
export function resolveVaultMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) {
    const key = decodeMasterKey(configured);
    if (!key) throw new Error('VAULT_MASTER_KEY: must be 32 bytes in base64');
    return key;
  }
  const file = join(dataDir, MASTER_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx' fails if another process created it in between; then we read theirs.
    try {
      writeFileSync(file, randomBytes(MASTER_KEY_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 });
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = decodeMasterKey(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file}: not a 32-byte base64 vault master key`);
  return key;
}
