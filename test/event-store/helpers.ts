import { randomUUID } from 'node:crypto';
import type { EventSubscription, EventToAppend, StoredEvent } from '@app/event-store';

/** A name space per test, so tests never see each other's streams (a real server keeps them all). */
export const uniquePrefix = (): string => `t${randomUUID().slice(0, 8)}-`;

export const anEvent = (type = 'CaseOpened', data: unknown = { note: 'é ✓', nested: { n: 1, list: [true, null] } }): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { correlationId: randomUUID(), userId: 'u-1' },
});

export const someEvents = (count: number, type = 'StepRecorded'): EventToAppend[] =>
  Array.from({ length: count }, (_, index) => anEvent(type, { index }));

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects if `promise` has not settled within `ms`; the timer never outlives the call. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Consumes a subscription in the background, so a test can wait for what it expects and check nothing else came. */
export class Collector {
  readonly events: StoredEvent[] = [];
  readonly finished: Promise<void>;
  /** What the iteration threw, if it did. */
  failure: unknown;

  constructor(readonly subscription: EventSubscription) {
    this.finished = (async () => {
      for await (const event of subscription) this.events.push(event);
    })().catch((error: unknown) => {
      this.failure = error;
    });
  }

  async waitFor(count: number, timeoutMs = 5000): Promise<StoredEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (this.failure) throw this.failure;
      if (Date.now() > deadline) {
        throw new Error(`Expected ${count} events within ${timeoutMs} ms, got ${this.events.length}`);
      }
      await sleep(5);
    }
    return this.events.slice(0, count);
  }

  async stop(): Promise<void> {
    await this.subscription.close();
    await within(this.finished, 2000, 'the end of the iteration after close()');
  }
}
