import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { FreeText, NormalizedUuid } from './validators';

/**
 * POST /cases/{caseId}/corrections: a wrong entry is corrected by a new event (EntryCorrected). `data` is the
 * corrected event's data in full; it is validated as that event type once the case is loaded.
 */
export class CorrectEntryDto {
  @ApiProperty({ format: 'uuid', description: 'eventId of the entry to correct' })
  @NormalizedUuid()
  correctsEventId!: string;

  @FreeText('Why the entry is corrected')
  reason!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "The corrected event's data in full" })
  @IsObject()
  data!: Record<string, unknown>;
}
