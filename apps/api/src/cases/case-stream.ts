import { Inject, Injectable, Logger } from '@nestjs/common';
import { CaseEvent, CaseState, initialCaseState } from '@app/domain';
import { EVENT_STORE, type EventStore, type StoredEvent, caseStreamId } from '@app/event-store';
import { sealCaseEvents, sealOf } from '@app/domain/integrity';
import type { CommandContext } from '../request-context/command-context';
import { Clock } from '../config/clock';
import { randomUUID } from 'node:crypto';
import { foldStoredEvents } from './case-fold';

/** A case as loaded from its stream: the folded state and the version (number of events) it is at. */
export interface LoadedCase {
  caseId: string;
  state: CaseState;
  version: number;
  events: StoredEvent[];
}

export interface AppendedEvents {
  eventIds: string[];
  version: number;
  /** Global log position of the last event appended: what a reader waits for with ?minPosition=. */
  position: bigint;
}

/** Metadata every case event carries (sealed in libs/domain/src/integrity, shared with the data generator). */
export type { CaseEventMetadata } from '@app/domain/integrity';

/** Loads and appends case streams (CurrentCases reads them too, for commands). */
@Injectable()
export class CaseStream {
  private readonly logger = new Logger(CaseStream.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /** The whole stream, read and folded now (commands load through CurrentCases, which caches). */
  async load(caseId: string): Promise<LoadedCase> {
    const events = await this.store.readStream(caseStreamId(caseId));
    const state = foldStoredEvents(initialCaseState, events, (skipped) => this.warnSkipped(skipped));
    return { caseId, state, version: events.length, events };
  }

  /**
   * Appends with the expected version: throws WrongExpectedRevisionError when someone else appended first.
   * `after` is the stream's last event as loaded (undefined for a new stream; only its seal is read): each event
   * is sealed to the one before it, so the chain stays linear — a conflicting append fails the revision check,
   * and the caller reloads and seals to the new last event.
   */
  async append(
    caseId: string,
    events: CaseEvent[],
    expectedVersion: number,
    context: CommandContext,
    after: Pick<StoredEvent, 'metadata'> | undefined,
  ): Promise<AppendedEvents> {
    const streamId = caseStreamId(caseId);
    const toAppend = sealCaseEvents(
      streamId,
      expectedVersion,
      sealOf(after?.metadata)?.hash ?? null,
      events,
      events.map(() => randomUUID()),
      {
        recordedAt: this.clock.now().toISOString(),
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.requestId,
        idempotency: context.idempotencyKey ? { key: context.idempotencyKey, requestHash: context.requestHash } : undefined,
      },
    );
    const result = await this.store.appendToStream(
      streamId,
      toAppend,
      expectedVersion === 0 ? 'no_stream' : expectedVersion - 1,
    );
    return { eventIds: toAppend.map((e) => e.eventId), version: result.nextExpectedRevision + 1, position: result.position };
  }

  /** Told, not thrown: an operator should know that the log holds events this version cannot read. */
  warnSkipped(stored: StoredEvent): void {
    this.logger.warn({ eventType: stored.type, position: String(stored.position) }, 'skipping unknown event type');
  }
}
