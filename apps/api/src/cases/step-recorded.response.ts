import { ApiProperty } from '@nestjs/swagger';

export class StepRecordedResponse {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ format: 'uuid', description: 'Id of the event recorded; corrections and retractions refer to it' })
  eventId!: string;

  @ApiProperty({ description: 'Case version after the step (also the ETag); send it as If-Match' })
  version!: number;

  @ApiProperty({ description: 'Log position of the event; pass it as ?minPosition= to read your own write', example: '42' })
  position!: string;
}

export class WaitlistEntryRecordedResponse extends StepRecordedResponse {
  @ApiProperty({ format: 'uuid', description: 'Id of the waiting-list entry; the exit names it' })
  entryId!: string;
}
