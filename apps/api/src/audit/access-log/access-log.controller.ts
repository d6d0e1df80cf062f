import { Controller, Get, Inject, Query as QueryParams, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/auth.guard';
import { AllowRoles } from '../../auth/roles.decorator';
import { AccessLogPageView, AccessLogQueryDto, queryAccessLog } from './access-log.query';
import { AccessChainQueryDto, AccessChainView } from './access-chain.view';
import { verifyAccessMonth } from './access-chain';
import { problemResponse } from '../../problem-details/problem.schema';
import { AccessRecordsReader } from '@app/read-models';
import { ReadModels } from '../../read-models/read-models.service';

const problem = problemResponse;

/**
 * Who read which case, when and why (issue 4, point 4). Auditors and admins see every record; protectors see
 * who read their own institution's cases; analysts never (they see no case ids at all).
 * Reading the access log is not itself logged: it would log reads of the log without end, and it shows no case
 * state, only who looked.
 */
@ApiTags('audit')
@ApiBearerAuth()
@AllowRoles('protector', 'auditor', 'admin')
@Controller('audit')
export class AccessLogController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  @Get('access')
  @ApiOperation({
    summary: 'The access log: reads of case-level data, newest first, filtered by case, reader and time',
    description: 'from and to are inclusive instants. Protectors only see reads of their own institution’s cases.',
  })
  @ApiOkResponse({ type: AccessLogPageView })
  @applyDecorators(
    problem(400, 'A bad caseId, sub, from, to, page or pageSize (validation-error naming the field)'),
    problem(401, 'No valid bearer token'),
    problem(403, 'An analyst'),
    problem(503, 'The event store does not answer'),
  )
  access(@QueryParams() query: AccessLogQueryDto, @CurrentActor() actor: Actor): Promise<AccessLogPageView> {
    return queryAccessLog(this.store, new AccessRecordsReader(this.readModels.db), actor, query);
  }

  @Get('access/verify')
  @AllowRoles('auditor', 'admin')
  @ApiOperation({
    summary: 'Recomputes the hash chain of one month of the access log',
    description:
      'Every access record is sealed like a case event and chained to the record before it in its month’s stream. ' +
      'ok is false at the first record that was changed, removed or inserted after it was appended.',
  })
  @ApiOkResponse({ type: AccessChainView })
  @applyDecorators(
    problem(400, 'A month that is not YYYY-MM (validation-error naming the field)'),
    problem(401, 'No valid bearer token'),
    problem(403, 'A protector or an analyst'),
    problem(503, 'The event store does not answer'),
  )
  verify(@QueryParams() query: AccessChainQueryDto): Promise<AccessChainView> {
    return verifyAccessMonth(this.store, query.month);
  }
}
