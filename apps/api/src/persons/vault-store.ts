import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const VAULT_RECORDS_FILE = 'vault.sqlite';
export const VAULT_KEYS_FILE = 'vault-keys.sqlite';

/** One person's encrypted identity data. Shredded: ciphertext, iv and tag are gone, the tombstone stays. */
export interface VaultRecord {
  ref: string;
  ciphertext: Buffer | null;
  iv: Buffer | null;
  tag: Buffer | null;
  createdAt: string;
  shreddedAt: string | null;
}

interface RecordRow {
  ref: string;
  ciphertext: Buffer | null;
  iv: Buffer | null;
  tag: Buffer | null;
  created_at: string;
  shredded_at: string | null;
}

/**
 * Opens a vault SQLite file. Rollback journal (not WAL), so the committed state is the file itself, and
 * secure_delete, so a deleted row's bytes are overwritten with zeros in the file instead of lingering on a
 * free page.
 */
export function openVaultDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The identity vault's storage, in two files under DATA_DIR that are kept apart on purpose:
 *
 * - vault.sqlite: the records (ref, AES-256-GCM ciphertext, iv, tag, createdAt, shreddedAt). No key material.
 * - vault-keys.sqlite: each person's data key, wrapped by the master key (KeyWrapper). Nothing else.
 *
 * Backups and copies of vault.sqlite therefore never contain a key. Shredding deletes the person's key row;
 * from then on no copy of the record, made before or after, can be decrypted. The key store must not be kept in
 * long-lived backups itself (or its backups must expire): a restored old key store would bring shredded keys back.
 */
export class VaultStore {
  readonly records: Database.Database;
  readonly keys: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.records = openVaultDatabase(join(dataDir, VAULT_RECORDS_FILE));
    this.keys = openVaultDatabase(join(dataDir, VAULT_KEYS_FILE));
    this.records.exec(`CREATE TABLE IF NOT EXISTS person_records (
      ref TEXT PRIMARY KEY,
      ciphertext BLOB,
      iv BLOB,
      tag BLOB,
      created_at TEXT NOT NULL,
      shredded_at TEXT
    )`);
    this.keys.exec(`CREATE TABLE IF NOT EXISTS person_keys (
      ref TEXT PRIMARY KEY,
      wrapped_key BLOB NOT NULL,
      created_at TEXT NOT NULL
    )`);
  }

  /** Key first: a crash in between leaves an unused key, never a record without one. */
  insert(record: { ref: string; ciphertext: Buffer; iv: Buffer; tag: Buffer; createdAt: string }, wrappedKey: Buffer): void {
    this.keys.prepare('INSERT INTO person_keys (ref, wrapped_key, created_at) VALUES (?, ?, ?)').run(record.ref, wrappedKey, record.createdAt);
    this.records
      .prepare('INSERT INTO person_records (ref, ciphertext, iv, tag, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(record.ref, record.ciphertext, record.iv, record.tag, record.createdAt);
  }

  findRecord(ref: string): VaultRecord | undefined {
    const row = this.records.prepare('SELECT * FROM person_records WHERE ref = ?').get(ref) as RecordRow | undefined;
    return row && {
      ref: row.ref,
      ciphertext: row.ciphertext,
      iv: row.iv,
      tag: row.tag,
      createdAt: row.created_at,
      shreddedAt: row.shredded_at,
    };
  }

  findWrappedKey(ref: string): Buffer | undefined {
    const row = this.keys.prepare('SELECT wrapped_key FROM person_keys WHERE ref = ?').get(ref) as { wrapped_key: Buffer } | undefined;
    return row?.wrapped_key;
  }

  /**
   * Crypto-shredding: the key row goes first (that is the point of no return; a record whose key is missing
   * reads as shredded), then the record becomes a tombstone without ciphertext, so GET can answer 410.
   */
  shred(ref: string, shreddedAt: string): void {
    this.keys.prepare('DELETE FROM person_keys WHERE ref = ?').run(ref);
    this.records
      .prepare('UPDATE person_records SET ciphertext = NULL, iv = NULL, tag = NULL, shredded_at = COALESCE(shredded_at, ?) WHERE ref = ?')
      .run(shreddedAt, ref);
  }

  close(): void {
    this.records.close();
    this.keys.close();
  }
}
