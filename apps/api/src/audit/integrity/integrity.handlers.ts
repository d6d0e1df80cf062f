import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Actor } from '../../auth/actor';
import { AccessLogger } from '../access-log/access-logger';
import type { AccessContext } from '../access-log/access-record';
import { Clock } from '../../config/clock';
import { authorizeCaseRead } from '../../cases/case-access';
import { type CaseChain, readCaseChain } from './case-chain.reader';
import { type CaseExport, caseExport } from './case-export';
import type { CaseVerificationView } from './integrity.view';

export class VerifyCaseChainQuery extends Query<CaseVerificationView> {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
    readonly access: AccessContext,
  ) {
    super();
  }
}

export class ExportCaseQuery extends Query<CaseExport> {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
    readonly access: AccessContext,
  ) {
    super();
  }
}

/**
 * Both routes start here: the stream straight from the event store (never a read model), then access, then the
 * access record (not for a refused read: it shows no case data).
 */
async function authorizedChain(store: EventStore, accessLog: AccessLogger, caseId: string, actor: Actor, access: AccessContext): Promise<CaseChain> {
  const chain = await readCaseChain(store, caseId);
  if (!chain) throw new DomainError('CASE.NOT_FOUND', 'not_found', `Case ${caseId} does not exist.`);
  authorizeCaseRead(actor, chain.institution);
  await accessLog.record(access, [{ caseId, caseInstitution: chain.institution }]);
  return chain;
}

/** GET /cases/{caseId}/verify: recomputes the case's chain and names the first event where it breaks. */
@QueryHandler(VerifyCaseChainQuery)
export class VerifyCaseChainHandler implements IQueryHandler<VerifyCaseChainQuery, CaseVerificationView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly accessLog: AccessLogger,
  ) {}

  async execute({ caseId, actor, access }: VerifyCaseChainQuery): Promise<CaseVerificationView> {
    const { verdict } = await authorizedChain(this.store, this.accessLog, caseId, actor, access);
    return { caseId, ok: verdict.ok, events: verdict.events, firstBroken: verdict.firstBroken, head: verdict.head };
  }
}

/**
 * GET /cases/{caseId}/export: every event as stored, sealed, in one document. A broken chain is exported too,
 * marked so: an auditor needs the evidence most exactly then.
 */
@QueryHandler(ExportCaseQuery)
export class ExportCaseHandler implements IQueryHandler<ExportCaseQuery, CaseExport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly accessLog: AccessLogger,
  ) {}

  async execute({ caseId, actor, access }: ExportCaseQuery): Promise<CaseExport> {
    return caseExport(await authorizedChain(this.store, this.accessLog, caseId, actor, access), this.clock.now().toISOString());
  }
}
