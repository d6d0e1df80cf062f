import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { WAITLIST_OUTCOMES, type WaitlistOutcome } from '@app/domain';
import { BusinessDateProperty, OptionalFreeText, NormalizedUuid } from './validators';

/** POST /cases/{caseId}/waitlist-exits: a waiting-list entry ends (WaitlistLeft). */
export class LeaveWaitlistDto {
  @ApiProperty({ format: 'uuid', description: 'The entryId the waitlist entry was given' })
  @NormalizedUuid()
  entryId!: string;

  @BusinessDateProperty('Date the waiting ended')
  leftOn!: string;

  @ApiProperty({ enum: WAITLIST_OUTCOMES })
  @IsIn(WAITLIST_OUTCOMES)
  outcome!: WaitlistOutcome;

  @OptionalFreeText('Why the entry ended')
  reason?: string;
}
