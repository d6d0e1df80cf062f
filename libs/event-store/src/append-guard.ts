import type { EventToAppend, ExpectedRevision, ReadStreamOptions } from './event-store.port';

/**
 * Argument checks both adapters share, so that a bad call fails the same way whichever store is configured
 * (EventStoreDB would otherwise accept an empty append, and the client would send "-1" as a revision).
 */
export function assertAppendable(events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (events.length === 0) {
    throw new RangeError('appendToStream needs at least one event');
  }
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new RangeError(`Expected revision must be 'no_stream', 'any' or a non-negative integer, got ${expected}`);
  }
}

export function assertMaxCount(maxCount: number | undefined): void {
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 0)) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
}

/** The first revision a stream read asks for, checked: 0 when not given. */
export function fromRevisionOf(options: ReadStreamOptions): number {
  const from = options.fromRevision ?? 0;
  if (!Number.isSafeInteger(from) || from < 0) {
    throw new RangeError(`fromRevision must be a non-negative integer, got ${from}`);
  }
  return from;
}
