import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ADVANCEABLE_NORMS, type AdvanceableNorm } from '@app/domain';
import { BusinessDateProperty, FreeText } from './validators';

/** POST /cases/{caseId}/deadlines: an earlier case-specific deadline, for the child's safety (DeadlineAdvanced). */
export class AdvanceDeadlineDto {
  @ApiProperty({ enum: ADVANCEABLE_NORMS })
  @IsIn(ADVANCEABLE_NORMS)
  norm!: AdvanceableNorm;

  @BusinessDateProperty('The earlier deadline')
  deadline!: string;

  @FreeText('Why the earlier deadline is necessary')
  reason!: string;
}
