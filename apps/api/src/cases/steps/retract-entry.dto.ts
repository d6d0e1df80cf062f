import { ApiProperty } from '@nestjs/swagger';
import { FreeText, NormalizedUuid } from './validators';

/** POST /cases/{caseId}/retractions: a wrong entry is withdrawn by a new event (EntryRetracted). */
export class RetractEntryDto {
  @ApiProperty({ format: 'uuid', description: 'eventId of the entry to withdraw' })
  @NormalizedUuid()
  retractsEventId!: string;

  @FreeText('Why the entry is withdrawn')
  reason!: string;
}
