import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { INSTITUTIONS, MEASURE_TYPES, type Institution, type MeasureType } from '@app/domain';
import { BusinessDateProperty, PseudonymousRef, Omittable, NormalizedUuid } from './validators';

/** POST /cases: a judge imposed a measure (MeasureImposed). */
export class ImposeMeasureDto {
  @ApiPropertyOptional({ description: 'Case id (UUID); generated when absent', format: 'uuid' })
  @Omittable()
  @NormalizedUuid()
  caseId?: string;

  @PseudonymousRef('Pseudonymous reference of the child')
  childRef!: string;

  @PseudonymousRef('Pseudonymous reference of the family')
  familyRef!: string;

  @ApiProperty({ description: 'CBS code of the municipality that pays (woonplaatsbeginsel)', example: 'GM0599' })
  @IsString()
  @Matches(/^GM\d{4}$/, { message: '$property must be a CBS municipality code such as GM0599' })
  municipalityCode!: string;

  @ApiProperty({ enum: INSTITUTIONS, description: 'Certified institution (GI)' })
  @IsIn(INSTITUTIONS)
  institution!: Institution;

  @ApiProperty({ enum: MEASURE_TYPES })
  @IsIn(MEASURE_TYPES)
  measureType!: MeasureType;

  @BusinessDateProperty('Date the judge pronounced the measure')
  pronouncedOn!: string;

  @BusinessDateProperty('Date the GI was notified of the measure (the protector clock starts here)')
  giNotifiedOn!: string;

  @BusinessDateProperty('Date the measure ends, when the judge set one', false)
  endsOn?: string;
}
