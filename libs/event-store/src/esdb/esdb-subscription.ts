import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { EventSubscription, StoredEvent } from '../event-store.port';
import { toStoredEvent } from './esdb-mapping';

const HIGH_WATER_MARK = 256;

/**
 * Adapts the client's catch-up subscription (a Node stream) to the port's async iterable.
 * The client's stream does not end when it is unsubscribed, so iteration is driven by our own queue: close()
 * cancels the gRPC call and finishes the iteration at once. The source is paused while the queue is full.
 */
export class EsdbSubscription implements EventSubscription {
  private readonly queue: StoredEvent[] = [];
  private waiting: { resolve: (result: IteratorResult<StoredEvent>) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  private finished = false;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly onClose: () => void,
  ) {
    source.on('data', (resolved: AllStreamResolvedEvent) => this.push(resolved));
    source.on('error', (error: Error) => this.fail(error));
    source.on('end', () => this.fail(new Error('EventStoreDB ended the subscription')));
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.queue.length = 0;
    this.onClose();
    this.settle({ done: true, value: undefined });
    await this.source.unsubscribe().catch(() => undefined); // the call may never have been opened
    this.source.destroy();
  }

  private next(): Promise<IteratorResult<StoredEvent>> {
    const event = this.queue.shift();
    if (event) {
      if (this.queue.length < HIGH_WATER_MARK / 2 && this.source.isPaused()) this.source.resume();
      return Promise.resolve({ done: false, value: event });
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  private push(resolved: AllStreamResolvedEvent): void {
    const event = toStoredEvent(resolved);
    if (!event || this.finished) return;
    if (this.waiting) {
      this.settle({ done: false, value: event });
      return;
    }
    this.queue.push(event);
    if (this.queue.length >= HIGH_WATER_MARK) this.source.pause();
  }

  private fail(error: Error): void {
    if (this.finished) return;
    this.failure = error;
    this.finished = true;
    this.onClose();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }

  private settle(result: IteratorResult<StoredEvent>): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(result);
  }
}
