import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../kpi-aggregates';
import { pragma } from './bulk-write-settings';
import type { ReadModelSchema } from './read-model-schema';

/**
 * Where SQLite keeps its temporary storage: statement journals, transient b-trees and sorts.
 *
 * The projection's writes want memory. A write that fires the KPI triggers inside a batch transaction saves the
 * pages it changes to a statement journal (so that the one statement can be undone), and past 64 KiB SQLite
 * spills that journal to a temp file: in a log-order rebuild of rijnmond-year (46,223 events, the live runner's
 * path) those spills were more than half of all bytes written, 4,987 MB against 2,126 MB in memory, and the
 * run 9-12% faster; on the commands bench c=8 p95 went from 21.8-24.6 to 20.3-20.9 ms. A journal in memory is
 * bounded by the pages one statement changes.
 *
 * Building indexes and aggregates over whole tables wants a disk: with temporary storage in memory SQLite's
 * sorter never spills, so creating a segments index at the end of a national rebuild sorted millions of entries
 * in memory (peak RSS 1,084 MB; 763 MB with them on disk). So does a statement that changes a whole table (a
 * log-order rebuild emptying tables whose triggers stay): its journal would hold the table. Those run under
 * withTempStorageOnDisk.
 */
const FILE = 1;
const MEMORY = 2;

export async function keepTempStorageInMemory(db: Kysely<ReadModelSchema>): Promise<void> {
  await setTempStore(db, MEMORY);
}

/** Runs `work` with SQLite's temporary storage in files (a no-op elsewhere), then puts back the setting it found. */
export async function withTempStorageOnDisk<T>(db: Kysely<ReadModelSchema>, work: () => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'sqlite') return work();
  const previous = Number(await pragma(db, 'temp_store'));
  if (previous !== MEMORY) return work();
  await setTempStore(db, FILE);
  try {
    return await work();
  } finally {
    await setTempStore(db, previous);
  }
}

// A pragma takes no parameters; the values are the two constants above.
const setTempStore = (db: Kysely<ReadModelSchema>, value: number) => sql.raw(`pragma temp_store = ${value}`).execute(db);
