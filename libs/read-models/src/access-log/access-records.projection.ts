import type { Insertable, Transaction } from 'kysely';
import type { StoredEvent } from '@app/event-store';
import type { AccessRecordTable, ReadModelSchema } from '../database/read-model-schema';
import type { Projection } from '../runtime/projection';
import { CASE_ACCESSED, type CaseAccessedData } from './case-accessed';

/** Rows per INSERT: 12 columns each, well under SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 500;

export const accessRecordRow = (event: StoredEvent): Insertable<AccessRecordTable> => {
  const data = event.data as CaseAccessedData;
  return {
    position: event.position.toString(),
    event_id: event.eventId,
    sub: data.sub,
    role: data.role,
    institution: data.institution,
    case_id: data.caseId,
    case_institution: data.caseInstitution,
    route: data.route,
    reason: data.reason,
    accessed_at: data.accessedAt,
    request_id: data.requestId,
    correlation_id: data.correlationId,
  };
};

/**
 * The access log as a table: one row per CaseAccessed, keyed by its log position. Not one of the case read
 * models: it reads the audit streams, has a runner of its own (access-records.runner.ts) and is not part of the
 * case rebuild, whose tables it never touches; emptied with its checkpoint, it fills again from the log.
 */
export class AccessRecordsProjection implements Projection {
  readonly name = 'access-records';
  readonly tables = ['access_records'] as const;

  async apply(trx: Transaction<ReadModelSchema>, event: StoredEvent): Promise<void> {
    await this.applyBatch(trx, [event]);
  }

  async applyBatch(trx: Transaction<ReadModelSchema>, events: readonly StoredEvent[]): Promise<void> {
    const rows = events.filter((event) => event.type === CASE_ACCESSED).map(accessRecordRow);
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      await trx
        .insertInto('access_records')
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .onConflict((oc) => oc.column('position').doNothing())
        .execute();
    }
  }
}
