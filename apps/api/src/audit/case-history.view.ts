import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidInstant } from '@app/domain/history/instant';
import { Omittable, BusinessDateProperty } from '../cases/steps/validators';
import { TimelinessView } from '../cases/queries/case-view';
import { ReadModelQueryDto } from '../kpi/kpi-query.dto';

/**
 * An ISO 8601 instant with an explicit zone, parsed as strictly as the domain's selection parses it, so that
 * whatever passes here can be compared with recordedAt. The message mentions %2B because a `+02:00` typed
 * into a query string arrives as a space.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isValidInstant(value),
        defaultMessage: () =>
          '$property must be an ISO 8601 timestamp with a zone, e.g. 2021-09-01T10:00:00Z (write + as %2B in a URL)',
      },
    },
    options,
  );
}

/** Accepts ?minPosition= like every read; a history is read from the stream, so it never waits. */
export class HistoryQueryDto extends ReadModelQueryDto {
  @BusinessDateProperty(
    'Business time: only steps that had happened by this date; the norms are judged as of it (default: today)',
    false,
  )
  asOf?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2021-09-01T10:00:00Z',
    description: 'Knowledge time: only events recorded at or before this instant (default: everything recorded so far)',
  })
  @Omittable()
  @IsInstant()
  knownAt?: string;
}

export class AffectedEventView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'GuardianAssigned' }) type!: string;
}

export class HistoryEventView {
  @ApiProperty({ description: 'Global log position (opaque, ordered), as a string' }) position!: string;
  @ApiProperty({ description: 'Revision in the case stream, from 0' }) revision!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'GuardianAssigned' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'All of it: eventId, schemaVersion, recordedAt, actor, correlationId, causationId, ...',
  })
  metadata!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recordedAt!: string | null;
  @ApiProperty({
    type: AffectedEventView,
    nullable: true,
    description: 'For EntryCorrected and EntryRetracted: the event they affect; null for every other event',
  })
  affects!: AffectedEventView | null;
}

export class CaseHistoryView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: no knowledge-time cut' })
  knownAt!: string | null;
  @ApiProperty({ type: [HistoryEventView], description: 'The events in the window, in log order' })
  events!: HistoryEventView[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The case folded from exactly these events' })
  state!: object;
  @ApiProperty({ description: 'Judged as of asOf from exactly these events, as GET /cases/{caseId} judges' })
  timeliness!: TimelinessView;
}
