import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Actor } from '../auth/actor';
import { AccessLogger } from './access-log/access-logger';
import type { AccessContext } from './access-log/access-record';
import { authorizeCaseRead } from '../cases/case-access';
import { caseStateView, timelinessWithFacts } from '../cases/queries/case-view';
import { type CaseHistory, historyEventRecord, loadCaseHistory, selectCaseHistory } from './case-history.reader';
import type { CaseHistoryView } from './case-history.view';

export class GetCaseHistoryQuery extends Query<CaseHistoryView> {
  constructor(
    readonly caseId: string,
    readonly asOf: string,
    /** Null: no knowledge-time cut, everything recorded so far. */
    readonly knownAt: string | null,
    readonly actor: Actor,
    readonly access: AccessContext,
  ) {
    super();
  }
}

/**
 * An auditor's history of one case: the events in the bitemporal window (see libs/domain/src/history for the
 * rules), and the state and timeliness folded from exactly those events with the norm engine GET /cases/{id}
 * uses, so "what the system said on a date" and "what is known now about that date" come from one place.
 */
@QueryHandler(GetCaseHistoryQuery)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistoryQuery, CaseHistoryView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly accessLog: AccessLogger,
  ) {}

  async execute({ caseId, asOf, knownAt, actor, access }: GetCaseHistoryQuery): Promise<CaseHistoryView> {
    const loaded = await loadCaseHistory(this.store, caseId);
    if (!loaded) {
      throw new DomainError('CASE.NOT_FOUND', 'not_found', `Case ${caseId} does not exist.`);
    }
    // Authorized on the case as it stands now, before anything of its history is shown.
    authorizeCaseRead(actor, loaded.institution);
    // Logged once authorized and loaded, and awaited before anything is returned (a refused read above is not
    // logged). The record's append is under way when record() returns, so the window is selected and folded
    // while its fsync runs.
    const durable = this.accessLog.record(access, [{ caseId, caseInstitution: loaded.institution }]);
    const view = Promise.resolve().then(() => historyView(selectCaseHistory(loaded, { asOf, knownAt }), asOf, knownAt));
    await Promise.all([view, durable]);
    return view;
  }
}

function historyView({ caseId, selection, affects }: CaseHistory, asOf: string, knownAt: string | null): CaseHistoryView {
  return {
    caseId,
    asOf,
    knownAt,
    events: selection.events.map((event) => historyEventRecord(event, affects)),
    state: caseStateView(selection.state),
    timeliness: timelinessWithFacts(selection.timeliness),
  };
}
