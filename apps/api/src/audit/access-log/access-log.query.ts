import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import type { EventStore } from '@app/event-store';
import type { Actor } from '../../auth/actor';
import { NormalizedUuid, Omittable } from '../../cases/steps/validators';
import { IsInstant } from '../case-history.view';
import { type AccessRecord, type AccessRecordFilter, type AccessRecordsReader, matchesAccessFilter } from '@app/read-models';
import { ACCESS_STREAM_PREFIX, CASE_ACCESSED, type CaseAccessRecord } from './access-record';

const OptionalInt = (description: string, min: number, max: number) =>
  applyDecorators(ApiPropertyOptional({ description, minimum: min, maximum: max }), Omittable(), Type(() => Number), IsInt(), Min(min), Max(max));

export class AccessLogQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only reads of this case' })
  @Omittable()
  @NormalizedUuid()
  caseId?: string;

  @ApiPropertyOptional({ description: 'Only reads by this subject (the token’s sub)', maxLength: 200 })
  @Omittable()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: '$property must be 1 to 200 visible ASCII characters' })
  sub?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only reads at or after this instant (ISO 8601 with a zone)' })
  @Omittable()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only reads at or before this instant (ISO 8601 with a zone)' })
  @Omittable()
  @IsInstant()
  to?: string;

  @OptionalInt('Page, from 1', 1, 100000)
  page?: number;

  @OptionalInt('Records per page', 1, 500)
  pageSize?: number;
}

export class AccessRecordView {
  @ApiProperty({ description: 'Global log position of the record (opaque, ordered), as a string' }) position!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() sub!: string;
  @ApiProperty({ example: 'auditor' }) role!: string;
  @ApiProperty({ nullable: true, type: String }) institution!: string | null;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ nullable: true, type: String }) caseInstitution!: string | null;
  @ApiProperty({ example: 'GET /cases/{caseId}' }) route!: string;
  @ApiProperty({ nullable: true, type: String, description: 'X-Access-Reason as sent' }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) accessedAt!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() correlationId!: string;
}

export class AccessLogPageView {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Records matching the filter, over all pages' }) total!: number;
  @ApiProperty({ type: [AccessRecordView], description: 'Newest first (by log position)' }) items!: AccessRecordView[];
}

/**
 * The access records matching the filter that the caller may see, newest first. Auditors and admins see every
 * record; a protector only the reads of their own institution's cases (by caseInstitution, whoever read them).
 *
 * The access_records read model holds the log up to its checkpoint and answers through its indexes; the records
 * after the checkpoint (what its runner has not applied yet) are read from the log itself, so an answer includes
 * every read logged before it, as it did when it read the log alone. The part read from the log is the audit
 * records after the checkpoint: a few while the runner keeps up, the whole access log before it first has.
 */
export async function queryAccessLog(store: EventStore, records: AccessRecordsReader, actor: Actor, query: AccessLogQueryDto): Promise<AccessLogPageView> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  if (actor.role === 'protector' && actor.institution === undefined) return { page, pageSize, total: 0, items: [] };
  const filter: AccessRecordFilter = {
    caseId: query.caseId,
    sub: query.sub,
    caseInstitution: actor.role === 'protector' ? actor.institution : undefined,
    from: query.from === undefined ? undefined : new Date(query.from).toISOString(),
    to: query.to === undefined ? undefined : new Date(query.to).toISOString(),
  };
  const checkpoint = (await records.checkpoint()) ?? -1n;
  const recent = await recordsAfter(store, checkpoint, filter);
  const offset = (page - 1) * pageSize;
  const fromLog = recent.slice(offset, offset + pageSize);
  const [inTable, fromTable] = await Promise.all([
    records.count(filter, checkpoint),
    records.page(filter, checkpoint, Math.max(0, offset - recent.length), pageSize - fromLog.length),
  ]);
  return { page, pageSize, total: recent.length + inTable, items: [...fromLog, ...fromTable] };
}

/** The matching records the table does not hold yet, newest first. */
async function recordsAfter(store: EventStore, checkpoint: bigint, filter: AccessRecordFilter): Promise<AccessRecord[]> {
  const matches: AccessRecord[] = [];
  // Inclusive start, and skip the checkpoint's own event: a position between two events is not one every store reads from.
  const from = checkpoint < 0n ? 'start' : checkpoint;
  for await (const event of store.readAll({ from, streamPrefix: ACCESS_STREAM_PREFIX })) {
    if (event.position <= checkpoint || event.type !== CASE_ACCESSED) continue;
    const record = event.data as CaseAccessRecord;
    if (matchesAccessFilter(record, filter)) matches.push({ position: String(event.position), eventId: event.eventId, ...record });
  }
  return matches.reverse();
}
