import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { EXPLAINABLE_NORMS, type ExplainableNorm } from '@app/domain';
import { BusinessDateProperty, FreeText } from './validators';

/** POST /cases/{caseId}/explanations: comply or explain (DeadlineExplained). */
export class ExplainDeadlineDto {
  @ApiProperty({ enum: EXPLAINABLE_NORMS })
  @IsIn(EXPLAINABLE_NORMS)
  norm!: ExplainableNorm;

  @BusinessDateProperty('Date the explanation was given')
  explainedOn!: string;

  @FreeText('Why the deadline was or will be missed')
  reason!: string;
}
