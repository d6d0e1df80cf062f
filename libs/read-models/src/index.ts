/** Read models of the case log: SQL tables (SQLite or PostgreSQL through Kysely), the runner that feeds them. */
export * from './database/read-model-schema';
export * from './database/open-read-model-database';
export { READ_MODEL_MIGRATIONS, migrateReadModels } from './database/migrations';
export * from './runtime/projection';
export { ProjectionApplyError, type ApplyOutcome } from './runtime/apply-event';
export { readCheckpoints, lowestCheckpoint } from './runtime/checkpoints';
export * from './runtime/projection-status';
export * from './runtime/projection-runner';
export * from './runtime/rebuild';
export { UnfinishedRebuildError } from './runtime/rebuild-marker';
export { isTransientDatabaseError, type RetryPolicy } from './runtime/transient-errors';
export * from './lock/read-model-lock';
export { CaseProjection } from './cases/case-projection';
export { caseStateColumns, type CaseStateColumns } from './cases/case-summary-view';
export { waitlistRows } from './cases/waitlist-view';
export { caseReadModelProjections } from './cases/case-read-model-projections';
export * from './access-log';
