import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ReadModelSchema } from '../database/read-model-schema';
import { readCheckpoints } from '../runtime/checkpoints';
import type { CaseAccessedData } from './case-accessed';
import { AccessRecordsProjection } from './access-records.projection';

/** Which records a query wants. Instants are ISO 8601 UTC (toISOString), inclusive. */
export interface AccessRecordFilter {
  caseId?: string;
  sub?: string;
  /** Only reads of cases of this institution (a protector's view). */
  caseInstitution?: string;
  from?: string;
  to?: string;
}

export interface AccessRecord extends CaseAccessedData {
  position: string;
  eventId: string;
}

const PROJECTION = new AccessRecordsProjection().name;

/** Whether a record passes the filter: the same test the SQL below makes, for the records not in the table yet. */
export function matchesAccessFilter(record: CaseAccessedData, filter: AccessRecordFilter): boolean {
  if (filter.caseId !== undefined && record.caseId !== filter.caseId) return false;
  if (filter.sub !== undefined && record.sub !== filter.sub) return false;
  if (filter.caseInstitution !== undefined && record.caseInstitution !== filter.caseInstitution) return false;
  if (filter.from !== undefined && record.accessedAt < filter.from) return false;
  if (filter.to !== undefined && record.accessedAt > filter.to) return false;
  return true;
}

/**
 * The table as of its checkpoint: the position up to which it holds every record (null: none applied yet), how
 * many of them match, and a page of those, newest first. Rows are bounded by the checkpoint read first, so a
 * batch the runner commits meanwhile cannot appear twice (here and in the caller's read of the log after it).
 */
export class AccessRecordsReader {
  constructor(private readonly db: Kysely<ReadModelSchema>) {}

  async checkpoint(): Promise<bigint | null> {
    return (await readCheckpoints(this.db, [PROJECTION])).get(PROJECTION) ?? null;
  }

  async count(filter: AccessRecordFilter, upTo: bigint): Promise<number> {
    const row = await this.filtered(filter, upTo)
      .select((eb) => eb.fn.countAll<string | number>().as('total'))
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  async page(filter: AccessRecordFilter, upTo: bigint, offset: number, limit: number): Promise<AccessRecord[]> {
    if (limit <= 0) return [];
    const rows = await this.filtered(filter, upTo).selectAll().orderBy('position', 'desc').limit(limit).offset(offset).execute();
    return rows.map((row) => ({
      position: String(row.position),
      eventId: row.event_id,
      sub: row.sub,
      role: row.role,
      institution: row.institution,
      caseId: row.case_id,
      caseInstitution: row.case_institution,
      route: row.route,
      reason: row.reason,
      accessedAt: row.accessed_at,
      requestId: row.request_id,
      correlationId: row.correlation_id,
    }));
  }

  private filtered(filter: AccessRecordFilter, upTo: bigint): SelectQueryBuilder<ReadModelSchema, 'access_records', object> {
    let query = this.db.selectFrom('access_records').where('position', '<=', upTo.toString());
    if (filter.caseId !== undefined) query = query.where('case_id', '=', filter.caseId);
    if (filter.sub !== undefined) query = query.where('sub', '=', filter.sub);
    if (filter.caseInstitution !== undefined) query = query.where('case_institution', '=', filter.caseInstitution);
    if (filter.from !== undefined) query = query.where('accessed_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('accessed_at', '<=', filter.to);
    return query;
  }
}
