import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PLAN_PARTICIPANTS, type PlanParticipant } from '@app/domain';
import { BusinessDateProperty, Omittable } from './validators';

/** POST /cases/{caseId}/plans: a course is agreed (PlanAgreed; gedragen koers when the family took part). */
export class AgreePlanDto {
  @BusinessDateProperty('Date the plan was agreed')
  agreedOn!: string;

  @ApiProperty({ enum: PLAN_PARTICIPANTS, isArray: true, description: 'Who took part; supported only with CHILD or PARENTS' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(PLAN_PARTICIPANTS, { each: true })
  participants!: PlanParticipant[];

  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  goals?: string[];
}
