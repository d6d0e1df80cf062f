import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError, evaluateNorms } from '@app/domain';
import type { Actor } from '../../auth/actor';
import { AccessLogger } from '../../audit/access-log/access-logger';
import type { AccessContext } from '../../audit/access-log/access-record';
import { authorizeCaseRead } from '../case-access';
import { CaseStream } from '../case-stream';
import { CaseView, caseStateView, timelinessWithFacts } from './case-view';

export class GetCaseQuery extends Query<CaseView> {
  constructor(
    readonly caseId: string,
    readonly asOf: string,
    readonly actor: Actor,
    readonly access: AccessContext,
  ) {
    super();
  }
}

/**
 * One case, read straight from its stream: always current (no projection lag), and judged with the same norm
 * engine the read models use, so the case page and the KPIs cannot disagree about a case.
 */
@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseView> {
  constructor(
    private readonly stream: CaseStream,
    private readonly accessLog: AccessLogger,
  ) {}

  async execute({ caseId, asOf, actor, access }: GetCaseQuery): Promise<CaseView> {
    const loaded = await this.stream.load(caseId);
    if (!loaded.state.exists) {
      throw new DomainError('CASE.NOT_FOUND', 'not_found', `Case ${caseId} does not exist.`);
    }
    authorizeCaseRead(actor, loaded.state.institution);
    // Logged once authorized and loaded, before anything is returned (a refused read above is not logged).
    await this.accessLog.record(access, [{ caseId, caseInstitution: loaded.state.institution }]);
    return {
      caseId,
      version: loaded.version,
      position: String(loaded.events[loaded.events.length - 1].position),
      asOf,
      state: caseStateView(loaded.state),
      timeliness: timelinessWithFacts(evaluateNorms(loaded.state, asOf)),
    };
  }
}
