import { Controller, Get, Query as QueryParams, applyDecorators } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.guard';
import { AllowRoles } from '../auth/roles.decorator';
import { Clock } from '../config/clock';
import { CaseIdParam } from '../cases/case-id.param';
import { AccessCtx } from './access-log/access-context';
import type { AccessContext } from './access-log/access-record';
import { GetCaseHistoryQuery } from './case-history.handler';
import { CaseHistoryView, HistoryQueryDto } from './case-history.view';
import { problemResponse } from '../problem-details/problem.schema';

const problem = problemResponse;

const HistoryProblemResponses = () =>
  applyDecorators(
    problem(400, 'A case id that is not a UUID, a bad asOf or knownAt (validation-error naming the field), or a bad X-Access-Reason'),
    problem(401, 'No valid bearer token'),
    problem(403, 'An analyst, or a protector of another institution'),
    problem(404, 'The case does not exist (CASE.NOT_FOUND)'),
    problem(422, 'X-Access-Reason holds a BSN (PRIVACY.BSN_IN_TEXT)'),
    problem(503, 'The event store does not answer, or the access log cannot be written'),
  );

/**
 * The auditors' read of a case: its events as they happened (asOf, business time) and as they were known
 * (knownAt, knowledge time). Case-level data, so the same readers as GET /cases/{caseId}: protectors of the
 * case's institution, auditors and admins; analysts never see a case.
 */
@ApiTags('audit')
@ApiBearerAuth()
@AllowRoles('protector', 'auditor', 'admin')
@Controller('cases')
export class CaseHistoryController {
  constructor(
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get(':caseId/history')
  @ApiOperation({
    summary: 'A case’s events in log order, as of a business date and as known at an instant, with state and timeliness',
    description:
      'asOf keeps the steps dated on or before it (their date as corrected by what was known at knownAt); ' +
      'corrections and retractions go with the step they affect; an advanced deadline counts whenever recorded. ' +
      'knownAt keeps the events with metadata.recordedAt at or before it. State and timeliness come from exactly ' +
      'the events shown, judged as of asOf.',
  })
  @ApiOkResponse({ type: CaseHistoryView })
  @HistoryProblemResponses()
  async history(
    @CaseIdParam() caseId: string,
    @QueryParams() query: HistoryQueryDto,
    @CurrentActor() actor: Actor,
    @AccessCtx() access: AccessContext,
  ): Promise<CaseHistoryView> {
    // asOf defaults to today because the norms need a date to be judged at; knownAt has no default, so that
    // "everything recorded so far" does not depend on how this server's clock compares with the writers'.
    return this.queries.execute(new GetCaseHistoryQuery(caseId, query.asOf ?? this.clock.today(), query.knownAt ?? null, actor, access));
  }
}
