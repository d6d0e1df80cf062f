import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { BusinessDateProperty, Omittable } from '../cases/steps/validators';

const POSITION = /^\d{1,20}$/;

/** Every read-model query may ask to wait until the read models include a position it wrote. */
export class ReadModelQueryDto {
  @ApiPropertyOptional({ description: 'Wait (bounded) until the read models include this log position', example: '1234' })
  @Omittable()
  @Matches(POSITION, { message: '$property must be a log position (a whole number)' })
  minPosition?: string;
}

export const TIMELINESS_GROUPS = ['institution', 'municipality', 'measureType', 'month', 'quarter'] as const;
export type TimelinessGroup = (typeof TIMELINESS_GROUPS)[number];

export class TimelinessQueryDto extends ReadModelQueryDto {
  @BusinessDateProperty('Measures pronounced on or after this date')
  from!: string;

  @BusinessDateProperty('Measures pronounced on or before this date')
  to!: string;

  @BusinessDateProperty('Judge the norms as of this date (default: today)', false)
  asOf?: string;

  @ApiPropertyOptional({ enum: TIMELINESS_GROUPS })
  @Omittable()
  @IsIn(TIMELINESS_GROUPS)
  groupBy?: TimelinessGroup;
}

export const WAITING_GROUPS = ['helpType', 'provider', 'reason', 'municipality', 'institution'] as const;
export type WaitingGroup = (typeof WAITING_GROUPS)[number];

export class WaitingQueryDto extends ReadModelQueryDto {
  @BusinessDateProperty('The date to count on (default: today)', false)
  asOf?: string;

  @ApiPropertyOptional({ enum: WAITING_GROUPS })
  @Omittable()
  @IsIn(WAITING_GROUPS)
  groupBy?: WaitingGroup;
}

export const SERIES_INTERVALS = ['week', 'month'] as const;

export class WaitingSeriesQueryDto extends ReadModelQueryDto {
  @BusinessDateProperty('First date of the series')
  from!: string;

  @BusinessDateProperty('Last date of the series')
  to!: string;

  @ApiPropertyOptional({ enum: SERIES_INTERVALS, default: 'month' })
  @Omittable()
  @IsIn(SERIES_INTERVALS)
  interval?: (typeof SERIES_INTERVALS)[number];
}

export const INFLOW_INTERVALS = ['month', 'quarter', 'halfyear'] as const;
export type InflowInterval = (typeof INFLOW_INTERVALS)[number];

export class InflowQueryDto extends ReadModelQueryDto {
  @BusinessDateProperty('First day of the period')
  from!: string;

  @BusinessDateProperty('Last day of the period')
  to!: string;

  @ApiPropertyOptional({ enum: INFLOW_INTERVALS, default: 'month' })
  @Omittable()
  @IsIn(INFLOW_INTERVALS)
  interval?: InflowInterval;

  @ApiPropertyOptional({ enum: ['measureType'] })
  @Omittable()
  @IsIn(['measureType'])
  groupBy?: 'measureType';
}

export class CaseloadQueryDto extends ReadModelQueryDto {
  @BusinessDateProperty('The date to count on (default: today)', false)
  asOf?: string;
}

export class RegistrationLagQueryDto extends ReadModelQueryDto {
  @BusinessDateProperty('Steps that happened on or after this date', false)
  from?: string;

  @BusinessDateProperty('Steps that happened on or before this date', false)
  to?: string;
}
