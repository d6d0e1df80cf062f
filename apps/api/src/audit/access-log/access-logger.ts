import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type EventToAppend } from '@app/event-store';
import { Clock } from '../../config/clock';
import { ProblemException } from '../../problem-details/problem';
import { type AccessContext, CASE_ACCESSED, type CaseAccessRecord, type CaseRead, accessStreamId } from './access-record';

/**
 * Appends the access records of one read. Call it after the read was authorized and its data loaded, and
 * before anything is returned: when the append fails the read is refused with 503 and nothing is served, so no
 * case data ever leaves unlogged. When it succeeds the read goes on unchanged.
 *
 * Refused reads (401/403/404, bad parameters) never get here: they show no case data, so they are not access.
 */
@Injectable()
export class AccessLogger {
  private readonly logger = new Logger(AccessLogger.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /** One record per distinct case, all in one append (one stream, one call). Nothing to append for no case. */
  async record(context: AccessContext, reads: readonly CaseRead[]): Promise<void> {
    const distinct = [...new Map(reads.map((read) => [read.caseId, read])).values()];
    if (distinct.length === 0) return;
    const now = this.clock.now();
    const accessedAt = now.toISOString();
    const events: EventToAppend[] = distinct.map(({ caseId, caseInstitution }) => {
      const eventId = randomUUID();
      const data: CaseAccessRecord = {
        sub: context.sub,
        role: context.role,
        institution: context.institution,
        caseId,
        caseInstitution: caseInstitution ?? null,
        route: context.route,
        reason: context.reason,
        accessedAt,
        requestId: context.requestId,
        correlationId: context.correlationId,
      };
      return {
        eventId,
        type: CASE_ACCESSED,
        data,
        metadata: {
          eventId,
          schemaVersion: 1,
          recordedAt: accessedAt,
          actor: { sub: context.sub, role: context.role, ...(context.institution ? { institution: context.institution } : {}) },
          correlationId: context.correlationId,
          causationId: context.requestId,
        },
      };
    });
    try {
      await this.store.appendToStream(accessStreamId(now), events, 'any');
    } catch (error) {
      this.logger.error(`Access log append failed; read refused: ${error instanceof Error ? error.message : String(error)}`);
      throw ProblemException.of('service-unavailable', {
        detail: 'The access log cannot be written right now, so the case data is not served; try again shortly.',
      });
    }
  }
}
