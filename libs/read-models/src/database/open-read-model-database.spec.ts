import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { pragma } from './bulk-write-settings';
import { describeUrl, openReadModelDatabase, type ReadModelDatabase } from './open-read-model-database';
import type { ReadModelSchema } from './read-model-schema';
import { createSecondaryIndexes, SECONDARY_INDEXES } from './secondary-indexes';

describe('describeUrl', () => {
  it('names the server and database for log lines, never the credentials', () => {
    expect(describeUrl('postgres://reader:s3cret@db.internal:5432/read_models')).toBe('db.internal:5432/read_models');
    expect(describeUrl('not a url')).toBe('(unparseable url)');
  });
});

describe('the embedded read-model database', () => {
  let dataDir: string;
  let database: ReadModelDatabase;
  const tempStore = () => tempStoreOf(database.db);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'read-model-open-'));
    database = await openReadModelDatabase({ dataDir });
  });
  afterEach(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps statement journals and transient b-trees in memory rather than spilling them to temp files', async () => {
    expect(database.dialect).toBe('sqlite');
    expect(await tempStore()).toBe(2); // 2 = MEMORY (0 = the compile-time default, a file)
  });

  it('sorts on disk while it builds indexes and aggregates over whole tables, and back in memory afterwards', async () => {
    const during: number[] = [];
    await database.db.transaction().execute(async (trx) => {
      await createSecondaryIndexes(trx, SECONDARY_INDEXES, { beforeAggregates: async () => void during.push(await tempStoreOf(trx)) });
    });
    expect(during).toEqual([1]); // 1 = FILE: a sorter that may spill instead of holding every entry in memory
    expect(await tempStore()).toBe(2);
  });

  it('puts temp storage back in memory when building fails', async () => {
    const failing = createSecondaryIndexes(database.db, SECONDARY_INDEXES, {
      beforeAggregates: () => Promise.reject(new Error('dies half-way')),
    });
    await expect(failing).rejects.toThrow('dies half-way');
    expect(await tempStore()).toBe(2);
  });
});

const tempStoreOf = async (db: Kysely<ReadModelSchema>) => Number(await pragma(db, 'temp_store'));
