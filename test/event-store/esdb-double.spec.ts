import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  eventTypeFilter,
  jsonEvent,
  START,
  STREAM_EXISTS,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamSubscription,
  type StreamSubscription,
} from '@eventstore/db-client';
import { status } from '@grpc/grpc-js';
import { EsdbDouble } from '../esdb-double/server';
import { collect, sleep, uniquePrefix, within } from './helpers';

const event = (type: string, n: number) => jsonEvent({ type, data: { n } });

/** Takes `count` events from a client subscription, then unsubscribes. */
async function take(subscription: AllStreamSubscription | StreamSubscription, count: number): Promise<string[]> {
  const seen: string[] = [];
  try {
    await within(
      (async () => {
        for await (const resolved of subscription) {
          seen.push(`${resolved.event?.streamId}:${resolved.event?.type}`);
          if (seen.length === count) return;
        }
      })(),
      3000,
      `${count} subscription events`,
    );
  } finally {
    await subscription.unsubscribe();
  }
  return seen;
}

/** The double's surface beyond what the adapter uses, through the raw client, in both append modes. */
describe.each([false, true])('the EventStoreDB double (batch append advertised: %s)', (batchAppend) => {
  let double: EsdbDouble;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    double = await EsdbDouble.start({ batchAppend });
    client = EventStoreDBClient.connectionString(double.connectionString);
  });

  afterAll(async () => {
    await client.dispose();
    await double.stop();
  });

  it('checks stream_exists exactly and reports the current revision', async () => {
    const stream = `${uniquePrefix()}s`;
    const missing = client.appendToStream(stream, event('A', 0), { expectedRevision: STREAM_EXISTS });
    await expect(missing).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(missing).rejects.toMatchObject({ actualVersion: 'no_stream', expectedVersion: 'stream_exists' });
    await client.appendToStream(stream, [event('A', 0), event('A', 1)]);
    const ok = await client.appendToStream(stream, event('A', 2), { expectedRevision: STREAM_EXISTS });
    expect(ok.nextExpectedRevision).toBe(2n);
    const stale = client.appendToStream(stream, event('A', 3), { expectedRevision: 0n });
    await expect(stale).rejects.toMatchObject({ actualVersion: 2n, expectedVersion: 0n });
  });

  it('reads a stream forwards and backwards with a count and a start revision', async () => {
    const stream = `${uniquePrefix()}s`;
    await client.appendToStream(stream, [0, 1, 2, 3, 4].map((n) => event('A', n)));
    const revisions = async (read: AsyncIterable<{ event?: { revision: bigint } }>) =>
      (await collect(read)).map((r) => Number(r.event?.revision));
    expect(await revisions(client.readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual([1, 2]);
    expect(await revisions(client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 2 }))).toEqual([4, 3]);
    expect(await revisions(client.readStream(stream, { direction: BACKWARDS, fromRevision: 2n }))).toEqual([2, 1, 0]);
  });

  it('reads $all backwards from the end', async () => {
    const prefix = uniquePrefix();
    await client.appendToStream(`${prefix}a`, [event('A', 0), event('A', 1)]);
    const last = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }));
    expect(last.map((r) => `${r.event?.streamId}@${r.event?.revision}`)).toEqual([`${prefix}a@1`, `${prefix}a@0`]);
  });

  it('subscribes to one stream: history after the revision, then live events', async () => {
    const stream = `${uniquePrefix()}s`;
    await client.appendToStream(stream, [event('A', 0), event('B', 1)]);
    const subscription = client.subscribeToStream(stream, { fromRevision: 0n });
    setTimeout(() => void client.appendToStream(stream, event('C', 2)), 20);
    expect(await take(subscription, 2)).toEqual([`${stream}:B`, `${stream}:C`]);
  });

  it('filters $all subscriptions by stream-name regex and by event-type prefix', async () => {
    const prefix = uniquePrefix();
    await client.appendToStream(`${prefix}x`, [event('Keep', 0), event('Drop', 1)]);
    await client.appendToStream(`${prefix}y`, [event('Keep', 2)]);
    const byRegex = client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ regex: `^${prefix}y$` }) });
    expect(await take(byRegex, 1)).toEqual([`${prefix}y:Keep`]);
    const byType = client.subscribeToAll({ fromPosition: START, filter: eventTypeFilter({ prefixes: ['Kee'] }) });
    const seen = await take(byType, 2);
    expect(seen.every((s) => s.endsWith(':Keep'))).toBe(true);
  });

  it('sends confirmation and caught-up around the history of a subscription', async () => {
    const subscription = client.subscribeToAll({ fromPosition: END });
    const signals: string[] = [];
    subscription.on('confirmation', () => signals.push('confirmation'));
    subscription.on('caughtUp', () => signals.push('caughtUp'));
    subscription.on('data', () => signals.push('event'));
    await within((async () => { while (signals.length < 2) await sleep(5); })(), 3000, 'confirmation and caught-up');
    await subscription.unsubscribe();
    expect(signals).toEqual(['confirmation', 'caughtUp']);
  });

  it('answers methods it does not implement with UNIMPLEMENTED', async () => {
    await expect(client.deleteStream(`${uniquePrefix()}s`)).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
    await expect(client.listProjections()).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
  });
});
