import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MEASURE_END_REASONS, type MeasureEndReason } from '@app/domain';
import { BusinessDateProperty } from './validators';

/** POST /cases/{caseId}/end: the measure ended (MeasureEnded). No step may follow. */
export class EndMeasureDto {
  @BusinessDateProperty('Date the measure ended')
  endedOn!: string;

  @ApiProperty({ enum: MEASURE_END_REASONS })
  @IsIn(MEASURE_END_REASONS)
  reason!: MeasureEndReason;
}
