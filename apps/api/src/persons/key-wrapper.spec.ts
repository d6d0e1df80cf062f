import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { LocalMasterKeyWrapper, MASTER_KEY_FILE, decodeMasterKey, resolveVaultMasterKey } from './key-wrapper';
import { PERSON_REF_PATTERN, newPersonRef } from './person-ref';
import { containsBsn } from '@app/domain/privacy';

describe('LocalMasterKeyWrapper', () => {
  const dataKey = randomBytes(32);

  it('unwraps what it wrapped, and the wrapped form does not contain the key', async () => {
    const wrapper = new LocalMasterKeyWrapper(randomBytes(32));
    const wrapped = await wrapper.wrap(dataKey);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect((await wrapper.unwrap(wrapped)).equals(dataKey)).toBe(true);
  });

  it('fails to unwrap under a wrong master key', async () => {
    const wrapped = await new LocalMasterKeyWrapper(randomBytes(32)).wrap(dataKey);
    await expect(new LocalMasterKeyWrapper(randomBytes(32)).unwrap(wrapped)).rejects.toThrow();
  });

  it('fails to unwrap a wrapped key altered in one bit', async () => {
    const wrapper = new LocalMasterKeyWrapper(randomBytes(32));
    const wrapped = await wrapper.wrap(dataKey);
    wrapped[wrapped.length - 1] ^= 1;
    await expect(wrapper.unwrap(wrapped)).rejects.toThrow();
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => new LocalMasterKeyWrapper(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('the vault master key', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vault-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated once under DATA_DIR, owner-only, when VAULT_MASTER_KEY is unset', () => {
    const first = resolveVaultMasterKey(undefined, dir);
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(resolveVaultMasterKey(undefined, dir).equals(first)).toBe(true);
  });

  it('comes from VAULT_MASTER_KEY when set, and then no file is written', () => {
    const key = randomBytes(32);
    expect(resolveVaultMasterKey(key.toString('base64'), dir).equals(key)).toBe(true);
    expect(() => readFileSync(join(dir, MASTER_KEY_FILE))).toThrow();
  });

  it('is validated by loadConfig with one clear message that does not repeat the value', () => {
    expect(decodeMasterKey(randomBytes(32).toString('base64'))).toBeDefined();
    for (const bad of ['c2hvcnQ=', randomBytes(33).toString('base64'), 'not base64 at all!!']) {
      expect(() => loadConfig({ VAULT_MASTER_KEY: bad })).toThrow(/VAULT_MASTER_KEY: must be exactly 32 bytes in base64/);
      try {
        loadConfig({ VAULT_MASTER_KEY: bad });
      } catch (error) {
        expect((error as Error).message).not.toContain(bad);
      }
    }
    const key = randomBytes(32).toString('base64');
    expect(loadConfig({ VAULT_MASTER_KEY: key }).vault.masterKey).toBe(key);
    expect(loadConfig({}).vault.masterKey).toBeUndefined();
  });
});

describe('person refs', () => {
  it('are person- and 20 letters, never with a digit, so never a BSN', () => {
    for (let i = 0; i < 1000; i += 1) {
      const ref = newPersonRef();
      expect(ref).toMatch(PERSON_REF_PATTERN);
      expect(containsBsn(ref)).toBe(false);
    }
  });
});
