import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  HELP_TYPES,
  WAITING_FOR,
  WAITLIST_REASONS,
  type HelpType,
  type WaitingFor,
  type WaitlistReason,
} from '@app/domain';
import { BusinessDateProperty, PseudonymousRef, Omittable } from './validators';
import { applyDecorators } from '@nestjs/common';

const OptionalRef = (description: string) => applyDecorators(Omittable(), PseudonymousRef(description));

/** POST /cases/{caseId}/waitlist-entries: the child or family waits (Waitlisted). */
export class PlaceOnWaitlistDto {
  @ApiProperty({ enum: WAITING_FOR })
  @IsIn(WAITING_FOR)
  waitingFor!: WaitingFor;

  @BusinessDateProperty('Date the waiting began; may precede the measure')
  since!: string;

  @ApiPropertyOptional({ enum: HELP_TYPES })
  @Omittable()
  @IsIn(HELP_TYPES)
  helpType?: HelpType;

  @OptionalRef('Reference of the provider whose list it is')
  provider?: string;

  @ApiPropertyOptional({ enum: WAITLIST_REASONS })
  @Omittable()
  @IsIn(WAITLIST_REASONS)
  reason?: WaitlistReason;
}
