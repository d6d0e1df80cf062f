import type { StoredEvent } from '../event-store.port';
import { AppendSignal, PollingSubscription } from './polling-subscription';

/** A log in memory, read the way the SQLite store reads its table: events after a position, of one prefix. */
class Log {
  readonly events: StoredEvent[] = [];
  readonly fetchedAfter: bigint[] = [];

  append(streamId: string): void {
    const position = BigInt(this.events.length + 1);
    this.events.push({ streamId, revision: 0, position, eventId: `e${position}`, type: 'T', data: {}, metadata: {}, storedAt: new Date(0) });
  }

  fetch(prefix: string) {
    return (after: bigint, limit: number): StoredEvent[] => {
      this.fetchedAfter.push(after);
      return this.events.filter((e) => e.position > after && e.streamId.startsWith(prefix)).slice(0, limit);
    };
  }

  head = (): bigint => BigInt(this.events.length);
}

const settle = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 40));

describe('PollingSubscription over a filtered log', () => {
  it('moves past the events it skipped, so a poll does not scan them again', async () => {
    const log = new Log();
    const signal = new AppendSignal();
    for (let i = 0; i < 500; i += 1) log.append(`case-${i}`);
    log.append('audit-access-2026-11');
    const subscription = new PollingSubscription(log.fetch('audit-'), 0n, signal, { pollIntervalMs: 5, pageSize: 100, onClose: () => undefined, head: log.head });
    const events = subscription[Symbol.asyncIterator]();
    expect((await events.next()).value?.position).toBe(501n);

    const next = events.next(); // polls while the case events below arrive
    for (let i = 0; i < 300; i += 1) log.append(`case-x${i}`);
    await settle();
    expect(log.fetchedAfter.at(-1)).toBe(801n);

    log.append('audit-access-2026-11');
    signal.notify();
    expect((await next).value?.position).toBe(802n);
    await subscription.close();
  });

  it('without a head it stays at its last event, as an unfiltered subscription must', async () => {
    const log = new Log();
    log.append('audit-a');
    const subscription = new PollingSubscription(log.fetch('audit-'), 0n, new AppendSignal(), { pollIntervalMs: 5, pageSize: 100, onClose: () => undefined });
    const events = subscription[Symbol.asyncIterator]();
    expect((await events.next()).value?.position).toBe(1n);
    const next = events.next();
    for (let i = 0; i < 50; i += 1) log.append(`case-${i}`);
    await settle();
    expect(log.fetchedAfter.at(-1)).toBe(1n);
    await subscription.close();
    expect((await next).done).toBe(true);
  });
});
