import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ASSIGNMENT_REASONS, type AssignmentReason } from '@app/domain';
import { BusinessDateProperty, OptionalFreeText, PseudonymousRef } from './validators';

/** POST /cases/{caseId}/guardian-assignments: a youth protector (jeugdbeschermer) is linked (GuardianAssigned). */
export class AssignGuardianDto {
  @PseudonymousRef('Pseudonymous reference of the youth protector')
  protectorRef!: string;

  @OptionalFreeText('Team, e.g. an intake or area team', 120)
  team?: string;

  @BusinessDateProperty('Date the protector was assigned')
  assignedOn!: string;

  @ApiProperty({ enum: ASSIGNMENT_REASONS, description: 'INITIAL for the first assignment' })
  @IsIn(ASSIGNMENT_REASONS)
  reason!: AssignmentReason;
}
