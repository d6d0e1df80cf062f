import { Controller, Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/auth.guard';
import { AllowRoles } from '../../auth/roles.decorator';
import { Clock } from '../../config/clock';
import { CaseIdParam } from '../case-id.param';
import { CaseView, GetCaseQueryDto } from './case-view';
import { GetCaseQuery } from './get-case.handler';

@ApiTags('cases')
@ApiBearerAuth()
@AllowRoles('protector', 'auditor', 'admin')
@Controller('cases')
export class CaseQueriesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get(':caseId')
  @ApiOperation({ summary: 'A case’s current state and its timeliness against the three norms as of a date' })
  @ApiOkResponse({ type: CaseView })
  async getCase(
    @CaseIdParam() caseId: string,
    @QueryParams() query: GetCaseQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const view = await this.queries.execute(new GetCaseQuery(caseId, query.asOf ?? this.clock.today(), actor));
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }
}
