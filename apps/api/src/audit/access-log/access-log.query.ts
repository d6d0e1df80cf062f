import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import type { EventStore } from '@app/event-store';
import type { Actor } from '../../auth/actor';
import { NormalizedUuid, Omittable } from '../../cases/steps/validators';
import { IsInstant } from '../case-history.view';
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
 * Limit: this reads every audit stream in full (readAll with the `audit-access-` prefix) and filters in memory,
 * so its cost grows with the whole access log. Fine for now; when it is not, project the records into a read
 * model indexed by case, sub and time, or read only the monthly streams between from and to.
 */
export async function queryAccessLog(store: EventStore, actor: Actor, query: AccessLogQueryDto): Promise<AccessLogPageView> {
  const from = query.from === undefined ? undefined : Date.parse(query.from);
  const to = query.to === undefined ? undefined : Date.parse(query.to);
  const matches: AccessRecordView[] = [];
  for await (const event of store.readAll({ streamPrefix: ACCESS_STREAM_PREFIX })) {
    if (event.type !== CASE_ACCESSED) continue;
    const record = event.data as CaseAccessRecord;
    if (actor.role === 'protector' && (actor.institution === undefined || record.caseInstitution !== actor.institution)) continue;
    if (query.caseId !== undefined && record.caseId !== query.caseId) continue;
    if (query.sub !== undefined && record.sub !== query.sub) continue;
    const at = Date.parse(record.accessedAt);
    if (from !== undefined && at < from) continue;
    if (to !== undefined && at > to) continue;
    matches.push({ position: String(event.position), eventId: event.eventId, ...record });
  }
  matches.reverse(); // log order is oldest first
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  return { page, pageSize, total: matches.length, items: matches.slice((page - 1) * pageSize, page * pageSize) };
}
