import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describeUrl, openReadModelDatabase } from './open-read-model-database';

describe('describeUrl', () => {
  it('names the server and database for log lines, never the credentials', () => {
    expect(describeUrl('postgres://reader:s3cret@db.internal:5432/read_models')).toBe('db.internal:5432/read_models');
    expect(describeUrl('not a url')).toBe('(unparseable url)');
  });
});

describe('the embedded read-model database', () => {
  it('keeps statement journals and temporary b-trees in memory rather than spilling them to temp files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'read-model-open-'));
    const database = await openReadModelDatabase({ dataDir });
    try {
      const { rows } = await sql<{ temp_store: number }>`pragma temp_store`.execute(database.db);
      expect(rows[0].temp_store).toBe(2); // 2 = MEMORY (0 = the compile-time default, a file)
      expect(database.dialect).toBe('sqlite');
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
