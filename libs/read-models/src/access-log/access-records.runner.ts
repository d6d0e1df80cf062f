import type { EventStore } from '@app/event-store';
import type { ReadModelDatabase } from '../database/open-read-model-database';
import { createReadModelLock } from '../lock/read-model-lock';
import type { ProjectionLogger } from '../runtime/projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../runtime/projection-runner';
import { AccessRecordsProjection } from './access-records.projection';
import { ACCESS_STREAM_PREFIX, CASE_ACCESSED, PERSON_ACCESSED } from './case-accessed';

/**
 * The runner that keeps access_records up to date: the audit streams only, under a lock of its own, so that it
 * runs beside the case runner (and in standby beside another process's) rather than waiting for its lock.
 */
export const accessRecordsRunner = (
  store: EventStore,
  database: ReadModelDatabase,
  logger?: ProjectionLogger,
  tuning: Pick<ProjectionRunnerOptions, 'lockRetryMs' | 'resubscribeDelayMs' | 'retry' | 'status'> = {},
): ProjectionRunner =>
  new ProjectionRunner({
    ...tuning,
    store,
    database,
    projections: [new AccessRecordsProjection()],
    logger,
    streamPrefix: ACCESS_STREAM_PREFIX,
    // PersonAccessed is known and left out (applyBatch keeps CaseAccessed only), not warned about as unknown.
    isKnownEventType: (type) => type === CASE_ACCESSED || type === PERSON_ACCESSED,
    lock: createReadModelLock(database, { name: 'access-records' }),
    batchSize: 500,
  });
