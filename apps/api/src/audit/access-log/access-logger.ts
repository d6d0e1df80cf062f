import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type EventToAppend } from '@app/event-store';
import { Clock } from '../../config/clock';
import { ProblemException } from '../../problem-details/problem';
import { type AccessContext, CASE_ACCESSED, type CaseAccessRecord, type CaseRead, accessStreamId } from './access-record';

/** Most access records one append carries when concurrent reads are written together. */
export const MAX_ACCESS_BATCH = 256;

interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Appends the access records of one read. Call it after the read was authorized and its data loaded, and
 * before anything is returned: when the append fails the read is refused with 503 and nothing is served, so no
 * case data ever leaves unlogged. When it succeeds the read goes on unchanged.
 *
 * Refused reads (401/403/404, bad parameters) never get here: they show no case data, so they are not access.
 *
 * Group commit: a read that finds no append in flight appends at once, and the records of reads that arrive
 * while one is in flight are appended together when it is done, in one append per access stream (one
 * transaction, one fsync with the SQLite store's synchronous=FULL). Each read is released only once the append
 * holding its records is durable. Because a lone read's append starts before record() returns, a caller may
 * build its answer while the fsync runs, as long as it awaits the record before answering. A failed append
 * refuses every read in its batch, as a failed single append did.
 */
@Injectable()
export class AccessLogger {
  private readonly logger = new Logger(AccessLogger.name);
  private pending: PendingAppend[] = [];
  private appending = false;

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
      await this.enqueue(accessStreamId(now), events);
    } catch (error) {
      this.logger.error(`Access log append failed; read refused: ${error instanceof Error ? error.message : String(error)}`);
      throw ProblemException.of('service-unavailable', {
        detail: 'The access log cannot be written right now, so the case data is not served; try again shortly.',
      });
    }
  }

  private enqueue(streamId: string, events: EventToAppend[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ streamId, events, resolve, reject });
      if (!this.appending) void this.drain();
    });
  }

  /** Appends what is queued, then what was queued meanwhile, until nothing is left. */
  private async drain(): Promise<void> {
    this.appending = true;
    try {
      while (this.pending.length > 0) await this.flush();
    } finally {
      this.appending = false;
    }
  }

  /** Appends everything queued so far: per stream, in chunks of at most MAX_ACCESS_BATCH records, in order. */
  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const byStream = new Map<string, PendingAppend[]>();
    for (const item of batch) {
      const items = byStream.get(item.streamId);
      if (items) items.push(item);
      else byStream.set(item.streamId, [item]);
    }
    for (const [streamId, items] of byStream) {
      for (let start = 0; start < items.length; ) {
        const chunk: PendingAppend[] = [];
        let size = 0;
        // A read's own records are never split over two appends.
        while (start < items.length && (chunk.length === 0 || size + items[start].events.length <= MAX_ACCESS_BATCH)) {
          size += items[start].events.length;
          chunk.push(items[start++]);
        }
        try {
          await this.store.appendToStream(streamId, chunk.flatMap((item) => item.events), 'any');
          for (const item of chunk) item.resolve();
        } catch (error) {
          for (const item of chunk) item.reject(error);
        }
      }
    }
  }
}
