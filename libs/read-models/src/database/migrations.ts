import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import { caseReadModelsMigration } from './migrations/0001-case-read-models';
import { caseStatusSegmentsMigration } from './migrations/0002-case-status-segments';
import { stepRegistrationsByCaseMigration } from './migrations/0003-step-registrations-by-case';
import { kpiIndexesMigration } from './migrations/0004-kpi-indexes';
import { segmentLengthIndexesMigration } from './migrations/0005-segment-length-indexes';
import { kpiAggregatesMigration } from './migrations/0006-kpi-aggregates';
import { activeMeasureDeltasMigration } from './migrations/0007-active-measure-deltas';
import { segmentCaseColumnsMigration } from './migrations/0008-segment-case-columns';
import { childWaitingSpellsMigration } from './migrations/0009-child-waiting-spells';
import { segmentsByPronouncementMigration } from './migrations/0010-segments-by-pronouncement';
import { segmentLengthClassMigration } from './migrations/0011-segment-length-class';
import { accessRecordsMigration } from './migrations/0012-access-records';
import { verdictSpansMigration } from './migrations/0013-verdict-spans';
import { noSegmentsByDateMigration } from './migrations/0014-no-segments-by-date';
import { protectorCaseloadSpansMigration } from './migrations/0015-protector-caseload-spans';
import { verdictSpanEndsMigration } from './migrations/0016-verdict-span-ends';
import { type RetryPolicy, withTransientRetry } from '../runtime/transient-errors';

/**
 * Every migration, in code (no file globbing: the bundle and ts-node see the same list). Kysely runs them in
 * name order and refuses a new one that sorts before an applied one, so new names must sort last: 0002_...
 * A migration that adds a column derived from the case state also needs `npm run projections:rebuild`
 * (or a backfill in the migration), since existing rows were written before the column existed.
 */
export const READ_MODEL_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_case_read_models': caseReadModelsMigration,
  '0002_case_status_segments': caseStatusSegmentsMigration,
  '0003_step_registrations_by_case': stepRegistrationsByCaseMigration,
  '0004_kpi_indexes': kpiIndexesMigration,
  '0005_segment_length_indexes': segmentLengthIndexesMigration,
  '0006_kpi_aggregates': kpiAggregatesMigration,
  '0007_active_measure_deltas': activeMeasureDeltasMigration,
  '0008_segment_case_columns': segmentCaseColumnsMigration,
  '0009_child_waiting_spells': childWaitingSpellsMigration,
  '0010_segments_by_pronouncement': segmentsByPronouncementMigration,
  '0011_segment_length_class': segmentLengthClassMigration,
  '0012_access_records': accessRecordsMigration,
  '0013_verdict_spans': verdictSpansMigration,
  '0014_no_segments_by_date': noSegmentsByDateMigration,
  '0015_protector_caseload_spans': protectorCaseloadSpansMigration,
  '0016_verdict_span_ends': verdictSpanEndsMigration,
};

/**
 * How long better-sqlite3 waits for another connection's write lock. Short on purpose: it waits synchronously,
 * blocking the Node thread (in the api: every request) and, with two handles in one process, the very
 * transaction it waits for. Longer contention surfaces as SQLITE_BUSY and is retried asynchronously with backoff.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 100;

// Another process may be migrating the same database right now: wait for it, up to about 15 s.
const MIGRATION_RETRY: RetryPolicy = { attempts: 40, baseDelayMs: 20, maxDelayMs: 500 };

const migrate = async (db: Kysely<unknown>, migrations: Readonly<Record<string, Migration>>) => {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
};

/**
 * Brings the schema to the latest migration, safely when two processes (api and projector) open a new
 * database at once. PostgreSQL: Kysely runs the migrations in a transaction under an advisory lock.
 * SQLite: Kysely runs them without a transaction and without a lock, so two processes could both create the
 * same table, and a crash could leave half a migration; here they run inside BEGIN IMMEDIATE (the write lock),
 * and the loser of the race retries, then finds the migrations applied.
 */
export async function migrateReadModels(
  db: Kysely<unknown>,
  dialect: 'sqlite' | 'postgres',
  migrations: Readonly<Record<string, Migration>> = READ_MODEL_MIGRATIONS,
): Promise<MigrationResultSet> {
  if (dialect === 'postgres') return withTransientRetry(() => migrate(db, migrations), MIGRATION_RETRY);
  return withTransientRetry(
    () =>
      db.connection().execute(async (connection) => {
        await sql`begin immediate`.execute(connection);
        try {
          const result = await migrate(connection, migrations);
          await sql`commit`.execute(connection);
          return result;
        } catch (error) {
          await sql`rollback`.execute(connection).catch(() => undefined);
          throw error;
        }
      }),
    MIGRATION_RETRY,
  );
}
