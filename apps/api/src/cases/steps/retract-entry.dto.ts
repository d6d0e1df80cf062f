import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { FreeText } from './validators';

/** POST /cases/{caseId}/retractions: a wrong entry is withdrawn by a new event (EntryRetracted). */
export class RetractEntryDto {
  @ApiProperty({ format: 'uuid', description: 'eventId of the entry to withdraw' })
  @IsUUID()
  retractsEventId!: string;

  @FreeText('Why the entry is withdrawn')
  reason!: string;
}
