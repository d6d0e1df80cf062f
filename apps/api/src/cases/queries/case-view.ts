import { ApiProperty } from '@nestjs/swagger';
import { BusinessDateProperty } from '../steps/validators';
import { ReadModelQueryDto } from '../../kpi/kpi-query.dto';
import type { CaseState, NormVerdict, Timeliness } from '@app/domain';
import { NORM_STATES } from '@app/domain';

export class NormView {
  @ApiProperty({ enum: NORM_STATES })
  state!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'null where no deadline applies (fixed protector)' })
  deadline!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'The day the step that satisfied the norm happened' })
  satisfiedOn!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The facts behind the verdict (reasons, event ids)' })
  facts!: object;
}

export class TimelinessView {
  @ApiProperty({ example: 'cao-jeugdzorg' })
  calendarPolicy!: string;
  @ApiProperty() protector!: NormView;
  @ApiProperty() fixedProtector!: NormView;
  @ApiProperty() plan!: NormView;
  @ApiProperty() help!: NormView;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: 'Case version (events in its stream), as used by If-Match' }) version!: number;
  @ApiProperty({ description: 'Log position of the case’s last event: what this answer reflects' }) position!: string;
  @ApiProperty({ format: 'date', description: 'The date the timeliness is judged at' }) asOf!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The case as recorded now (corrections applied)' })
  state!: object;
  @ApiProperty() timeliness!: TimelinessView;
}

const normView = (verdict: NormVerdict): NormView => ({
  state: verdict.state,
  deadline: verdict.deadline,
  satisfiedOn: verdict.satisfiedOn,
  facts: verdict.facts,
});

export const timelinessWithFacts = (timeliness: Timeliness): TimelinessView => ({
  calendarPolicy: timeliness.calendarPolicy,
  protector: normView(timeliness.protector),
  fixedProtector: normView(timeliness.fixedProtector),
  plan: normView(timeliness.plan),
  help: normView(timeliness.help),
});

/** The case as a protector or auditor reads it: the summary of its effective entries, without the raw entries. */
export function caseStateView(state: CaseState): object {
  const { entries: _entries, exists: _exists, ...summary } = state;
  return summary;
}

/** minPosition is accepted like on every read; a case is read from its own stream, so it never waits. */
export class GetCaseQueryDto extends ReadModelQueryDto {
  @BusinessDateProperty('Judge the norms as of this date (default: today)', false)
  asOf?: string;
}
