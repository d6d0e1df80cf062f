import type { EventSubscription, StoredEvent } from '../event-store.port';

/** In-process "something was appended" signal: wakes the live subscriptions of one store instance. */
export class AppendSignal {
  private readonly listeners = new Set<() => void>();

  on(listener: () => void): void {
    this.listeners.add(listener);
  }

  off(listener: () => void): void {
    this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Events strictly after `after`, in position order, at most `limit` of them. */
export type FetchAfter = (after: bigint, limit: number) => StoredEvent[];

/** The position of the last event in the log, whatever its stream (0 when empty). */
export type LogHead = () => bigint;

/**
 * A catch-up subscription over a pull source. It reads pages after its last position until a page comes back
 * short, then sleeps until the store signals an append or the poll interval passes (the interval is what lets
 * it see appends made by another process on the same file). close() wakes it so the iteration ends at once.
 */
export class PollingSubscription implements EventSubscription {
  private closed = false;
  private appendedWhileBusy = false;
  private wake: (() => void) | undefined;
  private readonly iterator: AsyncGenerator<StoredEvent, void, undefined>;

  constructor(
    private readonly fetchAfter: FetchAfter,
    private after: bigint,
    private readonly signal: AppendSignal,
    private readonly options: { pollIntervalMs: number; pageSize: number; onClose: () => void; head?: LogHead },
  ) {
    this.iterator = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.options.onClose();
    this.wake?.();
  }

  private async *run(): AsyncGenerator<StoredEvent, void, undefined> {
    const onAppend = (): void => {
      if (this.wake) this.wake();
      else this.appendedWhileBusy = true;
    };
    this.signal.on(onAppend);
    try {
      while (!this.closed) {
        this.appendedWhileBusy = false;
        // Read before the page: every event up to it is committed, so a short page holds all that match.
        const head = this.options.head?.();
        const page = this.fetchAfter(this.after, this.options.pageSize);
        for (const event of page) {
          if (this.closed) return;
          this.after = event.position;
          yield event;
        }
        if (page.length < this.options.pageSize) {
          // A filtered subscription moves past the events it skipped, or every poll would scan them again: a
          // subscription to rare streams (the audit log) would rescan all the case events since its last match.
          if (head !== undefined && head > this.after) this.after = head;
          if (!this.appendedWhileBusy && !this.closed) await this.sleep();
        }
      }
    } finally {
      this.signal.off(onAppend);
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.wake = done;
    });
  }
}
