import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { HELP_TYPES, type HelpType } from '@app/domain';
import { BusinessDateProperty, PseudonymousRef, Omittable } from './validators';

/** POST /cases/{caseId}/help-starts: help started (HelpStarted). Bridging help is not appropriate help. */
export class StartHelpDto {
  @BusinessDateProperty('Date the help started; may precede the measure when it continues')
  startedOn!: string;

  @ApiProperty({ enum: HELP_TYPES })
  @IsIn(HELP_TYPES)
  helpType!: HelpType;

  @PseudonymousRef('Reference of the provider')
  provider!: string;

  @ApiPropertyOptional({ description: 'Bridging help (overbruggingshulp)', default: false })
  @Omittable()
  @IsBoolean()
  bridging?: boolean;
}
