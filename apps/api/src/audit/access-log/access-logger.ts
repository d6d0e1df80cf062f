import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { sealEvent, sealOf } from '@app/domain/integrity';
import { EVENT_STORE, type EventStore, type EventToAppend, lastEventOf, WrongExpectedRevisionError } from '@app/event-store';
import { Clock } from '../../config/clock';
import { ProblemException } from '../../problem-details/problem';
import { type AccessContext, CASE_ACCESSED, type CaseAccessRecord, type CaseRead, accessStreamId } from './access-record';

/** Most access records one append carries when concurrent reads are written together. */
export const MAX_ACCESS_BATCH = 256;

/** Appends refused because another process appended to the stream first, before a read is refused. */
const MAX_CHAIN_RETRIES = 8;

/** Where an access stream ends: the revision of its last record (-1: none) and that record's hash. */
interface StreamTail {
  revision: number;
  hash: string | null;
}

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
 *
 * Tamper evidence: every record is sealed like a case event (libs/domain/src/integrity), chained to the record
 * before it in its monthly stream, and appended at the revision the seal names. The logger keeps each stream's
 * tail; when another process appended first, the append is refused (wrong expected revision), the logger reads
 * what was appended meanwhile, seals the records again after it and retries.
 */
@Injectable()
export class AccessLogger {
  private readonly logger = new Logger(AccessLogger.name);
  private pending: PendingAppend[] = [];
  private appending = false;
  private readonly tails = new Map<string, StreamTail>();

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

  /**
   * Appends other audit records (the vault's PersonAccessed, and PersonShredded to its own stream), batched and
   * chained per stream as the reads' records are; rejects with the store's error, which the caller turns into its
   * refusal.
   */
  append(streamId: string, events: EventToAppend[]): Promise<void> {
    return this.enqueue(streamId, events);
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
          await this.appendChained(streamId, chunk.flatMap((item) => item.events));
          for (const item of chunk) item.resolve();
        } catch (error) {
          for (const item of chunk) item.reject(error);
        }
      }
    }
  }

  /** Seals the records after the stream's tail and appends them there; after another process's append, again. */
  private async appendChained(streamId: string, events: readonly EventToAppend[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const tail = this.tails.get(streamId) ?? (await this.readTail(streamId, undefined));
      const sealed = sealAfter(streamId, tail, events);
      try {
        await this.store.appendToStream(streamId, sealed.events, tail.revision < 0 ? 'no_stream' : tail.revision);
        this.tails.set(streamId, sealed.tail);
        return;
      } catch (error) {
        this.tails.delete(streamId);
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_CHAIN_RETRIES) throw error;
        this.tails.set(streamId, await this.readTail(streamId, tail));
      }
    }
  }

  /** The stream's last record: by itself the first time (lastEventOf), then after the tail known before. */
  private async readTail(streamId: string, known: StreamTail | undefined): Promise<StreamTail> {
    const last = known
      ? (await this.store.readStream(streamId, { fromRevision: known.revision + 1 })).at(-1)
      : await lastEventOf(this.store, streamId);
    if (!last) return known ?? { revision: -1, hash: null };
    return { revision: last.revision, hash: sealOf(last.metadata)?.hash ?? null };
  }
}

/** The records with their seals, each chained to the one before, the first to the tail; and the new tail. */
function sealAfter(streamId: string, tail: StreamTail, events: readonly EventToAppend[]): { events: EventToAppend[]; tail: StreamTail } {
  let previous = tail.hash;
  let revision = tail.revision;
  const sealed = events.map((event) => {
    revision += 1;
    const integrity = sealEvent(previous, { streamId, revision, eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata });
    previous = integrity.hash;
    return { ...event, metadata: { ...event.metadata, integrity } };
  });
  return { events: sealed, tail: { revision, hash: previous } };
}
