import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError, evaluateNorms } from '@app/domain';
import type { Actor } from '../../auth/actor';
import { authorizeCaseRead } from '../case-access';
import { CaseStream } from '../case-stream';
import { CaseView, caseStateView, timelinessWithFacts } from './case-view';

export class GetCaseQuery extends Query<CaseView> {
  constructor(
    readonly caseId: string,
    readonly asOf: string,
    readonly actor: Actor,
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
  constructor(private readonly stream: CaseStream) {}

  async execute({ caseId, asOf, actor }: GetCaseQuery): Promise<CaseView> {
    const loaded = await this.stream.load(caseId);
    if (!loaded.state.exists) {
      throw new DomainError('CASE.NOT_FOUND', 'not_found', `Case ${caseId} does not exist.`);
    }
    authorizeCaseRead(actor, loaded.state.institution);
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
