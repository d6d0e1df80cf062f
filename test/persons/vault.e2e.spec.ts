import { createDecipheriv, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LocalMasterKeyWrapper, MASTER_KEY_FILE, decodeMasterKey } from '../../apps/api/src/persons/key-wrapper';
import { VAULT_KEYS_FILE, VAULT_RECORDS_FILE } from '../../apps/api/src/persons/vault-store';
import { PERSON_ACCESSED } from '../../apps/api/src/persons/persons.vault';
import { ReadModels } from '../../apps/api/src/read-models/read-models.service';
import { TestApp, measureBody, startTestApp } from '../support/test-app';

// Synthetic data only: 111222333 passes the eleven-test.
const PERSON = { name: 'Jantje Zwartveld-Testkind', birthDate: '2012-05-17', bsn: '111222333' };

let t: TestApp;
let auth: Record<'admin' | 'ownProtector' | 'otherProtector' | 'auditor' | 'analyst', string>;

beforeAll(async () => {
  t = await startTestApp();
  auth = {
    admin: `Bearer ${await t.token({ role: 'admin' })}`,
    ownProtector: `Bearer ${await t.token({ role: 'protector', sub: 'prot-jbrr-1', institution: 'JBRR' })}`,
    otherProtector: `Bearer ${await t.token({ role: 'protector', sub: 'prot-wss-1', institution: 'WSS' })}`,
    auditor: `Bearer ${await t.token({ role: 'auditor' })}`,
    analyst: `Bearer ${await t.token({ role: 'analyst' })}`,
  };
});
afterAll(() => t.close());

const register = async (body: object = PERSON, as = auth.ownProtector): Promise<string> => {
  const res = await t.http.post('/persons').set('Authorization', as).send(body).expect(201);
  expect(Object.keys(res.body)).toEqual(['ref']);
  return res.body.ref as string;
};

/** A JBRR case whose child is the ref, visible in the read models before this returns. */
const openCaseFor = async (childRef: string): Promise<string> => {
  const caseId = randomUUID();
  const res = await t.http.post('/cases').set('Authorization', auth.admin).send(measureBody({ caseId, childRef })).expect(201);
  await t.app.get(ReadModels).waitForPosition(res.body.position);
  return caseId;
};

const fileOf = (name: string) => join(t.config.dataDir, name);

describe('the identity vault', () => {
  it('stores a person and gives it back decrypted', async () => {
    const ref = await register();
    expect(ref).toMatch(/^person-[a-z]{20}$/);
    const res = await t.http.get(`/persons/${ref}`).set('Authorization', auth.admin).expect(200);
    expect(res.body).toEqual({ ref, ...PERSON, createdAt: '2021-09-01T10:00:00.000Z' });

    const withoutBsn = await register({ name: 'Ouder Zonder Nummer', birthDate: '1980-01-31' }, auth.admin);
    expect((await t.http.get(`/persons/${withoutBsn}`).set('Authorization', auth.admin).expect(200)).body.bsn).toBeNull();
  });

  it('keeps only ciphertext on disk: neither file holds the name, date of birth or BSN', async () => {
    const ref = await register();
    for (const file of [VAULT_RECORDS_FILE, VAULT_KEYS_FILE]) {
      const bytes = readFileSync(fileOf(file));
      expect(bytes.includes(ref)).toBe(true);
      for (const value of Object.values(PERSON)) expect(bytes.includes(value)).toBe(false);
    }
    // The records file holds no key column at all; the keys live in the other file.
    const records = new Database(fileOf(VAULT_RECORDS_FILE), { readonly: true });
    expect(Object.keys(records.prepare('SELECT * FROM person_records WHERE ref = ?').get(ref) as object).sort()).toEqual(
      ['ciphertext', 'created_at', 'iv', 'ref', 'shredded_at', 'tag'],
    );
    records.close();
  });

  it('shreds: afterwards GET answers 410, a second DELETE is fine, an unknown ref is 404', async () => {
    const ref = await register();
    await t.http.delete(`/persons/${ref}`).set('Authorization', auth.admin).expect(204);
    const res = await t.http.get(`/persons/${ref}`).set('Authorization', auth.admin).expect(410);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toContain(PERSON.name);
    await t.http.delete(`/persons/${ref}`).set('Authorization', auth.admin).expect(204);
    await t.http.get('/persons/person-abcdefghijklmnopqrst').set('Authorization', auth.admin).expect(404);
    await t.http.delete('/persons/person-abcdefghijklmnopqrst').set('Authorization', auth.admin).expect(404);
  });

  it('shredding reaches a copy of the vault taken before: its record cannot be decrypted any more', async () => {
    const ref = await register();
    const backup = join(t.config.dataDir, 'vault-backup.sqlite');
    copyFileSync(fileOf(VAULT_RECORDS_FILE), backup);
    const keys = new Database(fileOf(VAULT_KEYS_FILE), { readonly: true });
    const keyOf = (r: string) => (keys.prepare('SELECT wrapped_key FROM person_keys WHERE ref = ?').get(r) as { wrapped_key: Buffer } | undefined)?.wrapped_key;
    const wrappedBefore = keyOf(ref)!;
    const wrapper = new LocalMasterKeyWrapper(decodeMasterKey(readFileSync(fileOf(MASTER_KEY_FILE), 'utf8'))!);
    const copy = new Database(backup, { readonly: true });
    const row = copy.prepare('SELECT * FROM person_records WHERE ref = ?').get(ref) as { ciphertext: Buffer; iv: Buffer; tag: Buffer };
    const decrypt = (dataKey: Buffer) => {
      const decipher = createDecipheriv('aes-256-gcm', dataKey, row.iv);
      decipher.setAAD(Buffer.from(ref));
      decipher.setAuthTag(row.tag);
      return JSON.parse(Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8'));
    };
    // Before the delete the copy plus the live key store give the data back: the key is all that is missing later.
    expect(decrypt(await wrapper.unwrap(wrappedBefore))).toEqual(PERSON);

    await t.http.delete(`/persons/${ref}`).set('Authorization', auth.admin).expect(204);

    expect(keyOf(ref)).toBeUndefined();
    // secure_delete: the wrapped key's bytes are gone from the key store file itself, not just unlinked.
    expect(readFileSync(fileOf(VAULT_KEYS_FILE)).includes(wrappedBefore)).toBe(false);
    // The copy still holds the ciphertext, but nothing can decrypt it: the key store has no key for it.
    expect(row.ciphertext.length).toBeGreaterThan(0);
    const live = new Database(fileOf(VAULT_RECORDS_FILE), { readonly: true });
    expect(live.prepare('SELECT ciphertext, shredded_at FROM person_records WHERE ref = ?').get(ref)).toEqual({
      ciphertext: null,
      shredded_at: '2021-09-01T10:00:00.000Z',
    });
    live.close();
    copy.close();
    keys.close();
  });

  it('destroys again, at start, the keys a key store restored from an older backup brought back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vault-restore-'));
    let first: TestApp | undefined;
    let second: TestApp | undefined;
    try {
      first = await startTestApp({ DATA_DIR: dataDir });
      const admin = `Bearer ${await first.token({ role: 'admin' })}`;
      const [shredded, kept] = await Promise.all([0, 1].map(async () => (await first!.http.post('/persons').set('Authorization', admin).send(PERSON).expect(201)).body.ref as string));
      // A nightly backup of both vault files, say; the event store is not rolled back with them.
      for (const file of [VAULT_KEYS_FILE, VAULT_RECORDS_FILE]) copyFileSync(join(dataDir, file), join(dataDir, `backup-${file}`));
      await first.http.delete(`/persons/${shredded}`).set('Authorization', admin).expect(204);
      await first.close();
      first = undefined;

      // The vault restored from before the shredding: without the replay, the shredded person would be readable.
      for (const file of [VAULT_KEYS_FILE, VAULT_RECORDS_FILE]) copyFileSync(join(dataDir, `backup-${file}`), join(dataDir, file));
      const restored = new Database(join(dataDir, VAULT_KEYS_FILE), { readonly: true });
      expect(restored.prepare('SELECT count(*) AS n FROM person_keys WHERE ref = ?').get(shredded)).toEqual({ n: 1 });
      restored.close();

      second = await startTestApp({ DATA_DIR: dataDir });
      await second.http.get(`/persons/${shredded}`).set('Authorization', admin).expect(410);
      expect((await second.http.get(`/persons/${kept}`).set('Authorization', admin).expect(200)).body.name).toBe(PERSON.name);
      const keys = new Database(join(dataDir, VAULT_KEYS_FILE), { readonly: true });
      expect(keys.prepare('SELECT ref FROM person_keys ORDER BY ref').all()).toEqual([{ ref: kept }]);
      keys.close();
    } finally {
      await first?.close();
      await second?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('leaves case histories and KPIs that use the ref intact', async () => {
    const ref = await register();
    const caseId = await openCaseFor(ref);
    const kpiBefore = (await t.http.get('/kpi/caseload').set('Authorization', auth.admin).expect(200)).body;

    await t.http.delete(`/persons/${ref}`).set('Authorization', auth.admin).expect(204);

    const state = await t.http.get(`/cases/${caseId}`).set('Authorization', auth.admin).expect(200);
    expect(JSON.stringify(state.body)).toContain(ref);
    const history = await t.http.get(`/cases/${caseId}/history`).set('Authorization', auth.auditor).expect(200);
    expect(history.body.events[0].data.childRef).toBe(ref);
    await t.http.get(`/cases/${caseId}/verify`).set('Authorization', auth.auditor).expect(200).expect((res) => expect(res.body.ok).toBe(true));
    expect((await t.http.get('/kpi/caseload').set('Authorization', auth.admin).expect(200)).body).toEqual(kpiBefore);
  });

  it('logs every read in the access log, by case and by ref', async () => {
    const ref = await register();
    const caseId = await openCaseFor(ref);
    await t.http.get(`/persons/${ref}`).set('Authorization', auth.ownProtector).set('X-Access-Reason', 'home visit prep').expect(200);

    const log = await t.http.get('/audit/access').query({ caseId }).set('Authorization', auth.auditor).expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ sub: 'prot-jbrr-1', caseId, caseInstitution: 'JBRR', route: 'GET /persons/{ref}', reason: 'home visit prep' }),
    ]);
    const personReads = [];
    for await (const event of t.store.readAll({ streamPrefix: 'audit-access-' })) {
      if (event.type === PERSON_ACCESSED && (event.data as { ref: string }).ref === ref) personReads.push(event.data);
    }
    expect(personReads).toEqual([expect.objectContaining({ sub: 'prot-jbrr-1', role: 'protector', ref, caseIds: [caseId] })]);
    // The log holds the ref, never the identity.
    expect(JSON.stringify(personReads)).not.toContain(PERSON.name);
    // The person's record is sealed into the same chain as the case records of the month.
    const month = (log.body.items[0].accessedAt as string).slice(0, 7);
    const chain = await t.http.get('/audit/access/verify').query({ month }).set('Authorization', auth.auditor).expect(200);
    expect(chain.body).toMatchObject({ ok: true, firstBroken: null });
  });
});

describe('who may do what', () => {
  let ref: string;
  let caseId: string;
  beforeAll(async () => {
    ref = await register();
    caseId = await openCaseFor(ref);
  });

  it.each([
    ['admin', 201],
    ['ownProtector', 201],
    ['otherProtector', 201],
    ['auditor', 403],
    ['analyst', 403],
  ] as const)('POST /persons: %s -> %i', async (caller, status) => {
    await t.http.post('/persons').set('Authorization', auth[caller]).send(PERSON).expect(status);
  });

  it.each([
    ['admin', 200],
    ['ownProtector', 200],
    ['otherProtector', 403],
    ['auditor', 403],
    ['analyst', 403],
  ] as const)('GET /persons/{ref}: %s -> %i', async (caller, status) => {
    await t.http.get(`/persons/${ref}`).set('Authorization', auth[caller]).expect(status);
  });

  it.each([
    ['ownProtector', 403],
    ['otherProtector', 403],
    ['auditor', 403],
    ['analyst', 403],
  ] as const)('DELETE /persons/{ref}: %s -> %i', async (caller, status) => {
    await t.http.delete(`/persons/${ref}`).set('Authorization', auth[caller]).expect(status);
  });

  it('needs a token for every route', async () => {
    await t.http.post('/persons').send(PERSON).expect(401);
    await t.http.get(`/persons/${ref}`).expect(401);
    await t.http.delete(`/persons/${ref}`).expect(401);
  });

  it('a protector without an active case for the ref gets 403 and learns nothing about it', async () => {
    const unlinked = await register(PERSON, auth.admin);
    await t.http.get(`/persons/${unlinked}`).set('Authorization', auth.ownProtector).expect(403);
    await t.http.get('/persons/person-abcdefghijklmnopqrst').set('Authorization', auth.ownProtector).expect(403);
  });

  it('a protector loses access when the case ends; the admin keeps it', async () => {
    const other = await register();
    const endedCase = await openCaseFor(other);
    await t.http.get(`/persons/${other}`).set('Authorization', auth.ownProtector).expect(200);
    const ended = await t.http
      .post(`/cases/${endedCase}/end`)
      .set('Authorization', auth.admin)
      .send({ endedOn: '2021-08-15', reason: 'OTS_LIFTED_EARLY' })
      .expect(201);
    await t.app.get(ReadModels).waitForPosition(ended.body.position);
    await t.http.get(`/persons/${other}`).set('Authorization', auth.ownProtector).expect(403);
    await t.http.get(`/persons/${other}`).set('Authorization', auth.admin).expect(200);
  });

  it('DELETE: admin -> 204 (last, it shreds the shared person)', async () => {
    expect(caseId).toBeDefined();
    await t.http.delete(`/persons/${ref}`).set('Authorization', auth.admin).expect(204);
    await t.http.get(`/persons/${ref}`).set('Authorization', auth.ownProtector).expect(410);
  });
});

describe('validation', () => {
  it.each([
    ['name', { ...PERSON, name: undefined }],
    ['name', { ...PERSON, name: '' }],
    ['name', { ...PERSON, name: '   ' }],
    ['name', { ...PERSON, name: 'x'.repeat(201) }],
    ['name', { ...PERSON, name: 42 }],
    ['birthDate', { ...PERSON, birthDate: undefined }],
    ['birthDate', { ...PERSON, birthDate: '17-05-2012' }],
    ['birthDate', { ...PERSON, birthDate: '2021-02-30' }],
    ['birthDate', { ...PERSON, birthDate: '2021-09-02' }],
    ['bsn', { ...PERSON, bsn: '123456789' }],
    ['bsn', { ...PERSON, bsn: '11122233' }],
    ['bsn', { ...PERSON, bsn: 111222333 }],
    ['bsn', { ...PERSON, bsn: null }],
    ['nickname', { ...PERSON, nickname: 'JJ' }],
  ])('400 naming %s', async (field, body) => {
    const res = await t.http.post('/persons').set('Authorization', auth.admin).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    // The refusal never repeats the values sent.
    expect(JSON.stringify(res.body)).not.toContain('Zwartveld');
    expect(JSON.stringify(res.body)).not.toContain('11122233');
  });

  it('accepts a name of 200 characters and a birth date of today', async () => {
    await register({ name: 'x'.repeat(200), birthDate: '2021-09-01' });
  });

  it.each(['GET', 'DELETE'] as const)('%s with something that is not a person ref: 400 naming ref', async (method) => {
    const req = method === 'GET' ? t.http.get('/persons/child-111222333') : t.http.delete('/persons/child-111222333');
    const res = await req.set('Authorization', auth.admin).expect(400);
    expect(res.body.errors[0].field).toBe('ref');
  });
});
