import { Controller, Get, applyDecorators } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/auth.guard';
import { AllowRoles } from '../../auth/roles.decorator';
import { CaseIdParam } from '../../cases/case-id.param';
import { AccessCtx } from '../access-log/access-context';
import type { AccessContext } from '../access-log/access-record';
import type { CaseExport } from './case-export';
import { ExportCaseQuery, VerifyCaseChainQuery } from './integrity.handlers';
import { CaseExportView, CaseVerificationView } from './integrity.view';
import { problemResponse } from '../../problem-details/problem.schema';

const problem = problemResponse;

const IntegrityProblemResponses = () =>
  applyDecorators(
    problem(400, 'A case id that is not a UUID (validation-error naming caseId), or a bad X-Access-Reason'),
    problem(401, 'No valid bearer token'),
    problem(403, 'An analyst, or a protector of another institution'),
    problem(404, 'The case has no events (CASE.NOT_FOUND)'),
    problem(422, 'X-Access-Reason holds a BSN (PRIVACY.BSN_IN_TEXT)'),
    problem(503, 'The event store does not answer, or the access log cannot be written'),
  );

/**
 * Tamper evidence for auditors (issue 4): each case event's metadata carries a SHA-256 seal chained to the event
 * before it (libs/domain/src/integrity). These routes recompute the chain from the event store. Case-level data,
 * so the readers of GET /cases/{caseId}: protectors of the case's institution, auditors and admins.
 * A broken chain is a finding, not an error: both routes answer 200 with ok false.
 */
@ApiTags('audit')
@ApiBearerAuth()
@AllowRoles('protector', 'auditor', 'admin')
@Controller('cases')
export class CaseIntegrityController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':caseId/verify')
  @ApiOperation({
    summary: 'Recompute a case’s hash chain and report the first broken link',
    description:
      'Every event must carry metadata.integrity {alg, previous, hash}, name the hash of the event before it, and ' +
      'hash to its seal. firstBroken is the first event, in stream order, where this does not hold.',
  })
  @ApiOkResponse({ type: CaseVerificationView })
  @IntegrityProblemResponses()
  verify(@CaseIdParam() caseId: string, @CurrentActor() actor: Actor, @AccessCtx() access: AccessContext): Promise<CaseVerificationView> {
    return this.queries.execute(new VerifyCaseChainQuery(caseId, actor, access));
  }

  @Get(':caseId/export')
  @ApiOperation({
    summary: 'The case’s whole history with its hash chain, as one JSON document',
    description:
      'Every event as stored with all its metadata, and the chain as verified now. Save it and check it offline ' +
      'with `npm run verify -- --file <export.json>`; keep chain.head apart to show later that nothing was cut off.',
  })
  @ApiOkResponse({ type: CaseExportView })
  @IntegrityProblemResponses()
  export(@CaseIdParam() caseId: string, @CurrentActor() actor: Actor, @AccessCtx() access: AccessContext): Promise<CaseExport> {
    return this.queries.execute(new ExportCaseQuery(caseId, actor, access));
  }
}
