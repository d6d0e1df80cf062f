import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { EXTENSION_REASONS, type ExtensionReason } from '@app/domain';
import { BusinessDateProperty } from './validators';

/** POST /cases/{caseId}/extensions: the judge extended the measure (MeasureExtended). */
export class ExtendMeasureDto {
  @BusinessDateProperty('Date of the extension')
  extendedOn!: string;

  @BusinessDateProperty('New end date')
  newEndsOn!: string;

  @ApiProperty({ enum: EXTENSION_REASONS })
  @IsIn(EXTENSION_REASONS)
  reason!: ExtensionReason;
}
