import { Controller, Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/auth.guard';
import { AllowRoles } from '../../auth/roles.decorator';
import { Clock } from '../../config/clock';
import { AccessCtx } from '../../audit/access-log/access-context';
import { AccessLogger } from '../../audit/access-log/access-logger';
import type { AccessContext } from '../../audit/access-log/access-record';
import { CaseIdParam } from '../case-id.param';
import { ProblemException } from '../../problem-details/problem';
import { ReadModels } from '../../read-models/read-models.service';
import { WorklistQueryDto, worklist } from './worklist.query';
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
    private readonly readModels: ReadModels,
    private readonly accessLog: AccessLogger,
  ) {}

  @Get()
  @ApiOperation({ summary: 'A worklist: cases with a norm deadline coming up or missed, soonest first' })
  async worklist(@QueryParams() query: WorklistQueryDto, @CurrentActor() actor: Actor, @AccessCtx() access: AccessContext) {
    if (actor.role === 'protector' && query.institution !== undefined && query.institution !== actor.institution) {
      throw ProblemException.of('forbidden', { detail: 'Protectors see the worklist of their own institution only.' });
    }
    const institution = actor.role === 'protector' ? actor.institution : query.institution;
    await this.readModels.waitForPosition(query.minPosition);
    const status = await this.readModels.status(query.minPosition);
    const today = this.clock.today();
    const items = await worklist(this.readModels.db, today, { ...query, institution });
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const pageItems = items.slice((page - 1) * pageSize, page * pageSize);
    // Every case listed on this page is a read of case-level data: one access record per case, one append.
    // A refused worklist (403 above) lists nothing and is not logged.
    await this.accessLog.record(access, pageItems.map((item) => ({ caseId: item.caseId, caseInstitution: item.institution })));
    return {
      asOf: today,
      position: status.position,
      lag: { eventsBehind: status.eventsBehind, secondsBehind: status.secondsBehind, caughtUp: status.caughtUp },
      page,
      pageSize,
      total: items.length,
      items: pageItems,
    };
  }

  @Get(':caseId')
  @ApiOperation({ summary: 'A case’s current state and its timeliness against the three norms as of a date' })
  @ApiOkResponse({ type: CaseView })
  async getCase(
    @CaseIdParam() caseId: string,
    @QueryParams() query: GetCaseQueryDto,
    @CurrentActor() actor: Actor,
    @AccessCtx() access: AccessContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const view = await this.queries.execute(new GetCaseQuery(caseId, query.asOf ?? this.clock.today(), actor, access));
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }
}
