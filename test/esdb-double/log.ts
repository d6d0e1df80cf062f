import { EventEmitter } from 'node:events';

/** An event as the double keeps it. Positions are synthetic: increasing, with gaps, commit == prepare. */
export interface LoggedEvent {
  streamId: string;
  revision: number;
  position: bigint;
  eventId: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** 100-nanosecond ticks since the Unix epoch, as the server sends `created`. */
  created: bigint;
}

export type ProposedEvent = Pick<LoggedEvent, 'eventId' | 'type' | 'contentType' | 'data' | 'metadata'>;

export type Expected =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: number };

export type AppendOutcome =
  | { ok: true; current: number | undefined; position: bigint | undefined }
  | { ok: false; current: number | undefined };

const TICKS_PER_MS = 10_000n;

/** The double's whole database: one ordered log, an index per stream, and a signal for live subscribers. */
export class DoubleLog {
  private readonly events: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly appended = new EventEmitter();
  // Starts past zero and advances by a made-up record size, so adapters cannot assume positions 1, 2, 3...
  private nextPosition = 4096n;

  constructor() {
    this.appended.setMaxListeners(0);
  }

  all(): readonly LoggedEvent[] {
    return this.events;
  }

  stream(streamId: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(streamId);
  }

  lastRevision(streamId: string): number | undefined {
    const stream = this.streams.get(streamId);
    return stream ? stream.length - 1 : undefined;
  }

  /** Checks the expected version exactly as the server does, then appends all events or none. */
  append(streamId: string, expected: Expected, proposed: readonly ProposedEvent[]): AppendOutcome {
    const current = this.lastRevision(streamId);
    if (!satisfies(current, expected)) return { ok: false, current };
    if (proposed.length === 0) return { ok: true, current, position: undefined };
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written = proposed.map((event) => {
      const logged: LoggedEvent = { ...event, streamId, revision: stream.length, position: this.nextPosition, created };
      this.nextPosition += BigInt(96 + streamId.length + event.type.length + event.data.length + event.metadata.length);
      stream.push(logged);
      this.events.push(logged);
      return logged;
    });
    this.appended.emit('events', written);
    const last = written[written.length - 1];
    return { ok: true, current: last.revision, position: last.position };
  }

  /** Calls `listener` with each batch of newly appended events; returns the unsubscribe function. */
  onAppended(listener: (events: readonly LoggedEvent[]) => void): () => void {
    this.appended.on('events', listener);
    return () => this.appended.off('events', listener);
  }
}

function satisfies(current: number | undefined, expected: Expected): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    case 'revision':
      return current === expected.revision;
  }
}
