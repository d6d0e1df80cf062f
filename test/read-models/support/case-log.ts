import { randomUUID } from 'node:crypto';
import type { CaseEvent } from '@app/domain';
import { caseStreamId, SqliteEventStore } from '@app/event-store';

export interface Recorded {
  eventId: string;
  position: bigint;
}

/**
 * The log the tests feed: a real SqliteEventStore (in memory), with the metadata the api writes. recordedAt
 * comes from a test clock that moves one hour per event unless a test says when, so rows are deterministic.
 */
export class CaseLog {
  readonly store: SqliteEventStore;
  /** Position of the last event appended to a case stream: what a fully caught-up runner has applied. */
  lastCasePosition = 0n;
  private clock = Date.parse('2021-03-01T08:00:00Z');

  constructor(store?: SqliteEventStore) {
    this.store = store ?? new SqliteEventStore(':memory:', { pollIntervalMs: 20, pageSize: 50 });
  }

  /** Appends one case event to `case-<caseId>`, as the api would after decide accepted it. */
  async record(caseId: string, event: CaseEvent, options: { recordedAt?: string; eventId?: string } = {}): Promise<Recorded> {
    return this.append(caseStreamId(caseId), event.type, event.data, options);
  }

  /** Any event on any stream: unknown types, other streams. */
  async append(
    streamId: string,
    type: string,
    data: unknown,
    options: { recordedAt?: string; eventId?: string } = {},
  ): Promise<Recorded> {
    this.clock += 3_600_000;
    const eventId = options.eventId ?? randomUUID();
    const recordedAt = options.recordedAt ?? new Date(this.clock).toISOString();
    const { position } = await this.store.appendToStream(
      streamId,
      [{ eventId, type, data, metadata: { eventId, schemaVersion: 1, recordedAt, actor: { sub: 'protector-1' } } }],
      'any',
    );
    if (streamId.startsWith('case-')) this.lastCasePosition = position;
    return { eventId, position };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
