import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type ReadModelDatabase, openReadModelDatabase } from '@app/read-models';
import { KPI_INDEXES } from '@app/read-models/database/migrations/0004-kpi-indexes';
import { activeCasesOn } from '../../apps/api/src/kpi/segment-at';

/** Migration 0004_kpi_indexes: the KPI indexes exist, and the partial one is within reach of the KPI queries. */
describe('KPI indexes (SQLite)', () => {
  let dataDir: string;
  let database: ReadModelDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kpi-indexes-'));
    database = await openReadModelDatabase({ dataDir });
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the migration creates every KPI index', async () => {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(database.db);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining([...KPI_INDEXES]));
  });

  // A partial index serves a query only when the query's condition implies the index's: measure_active = 1 must
  // be said with the literal 1 (a bound parameter would silently lose the index).
  it('"active measures on a date" says measure_active = 1 literally and may use the partial index', async () => {
    const query = activeCasesOn(database.db, '2024-01-01').select('s.case_id').compile();
    expect(query.sql).toContain('"s"."measure_active" = 1');
    const { rows } = await sql
      .raw<{ detail: string }>(`explain query plan ${query.sql.replaceAll('?', "'2024-01-01'")}`)
      .execute(database.db);
    expect(rows.map((r) => r.detail).join(' ; ')).toMatch(/case_status_segments_(active|waiting)_on|case_status_segments_case_on/);
  });
});
