import { randomUUID } from 'node:crypto';
import { EsdbEventStore } from '@app/event-store';
import { EsdbDouble } from '../esdb-double/server';
import { anEvent, collect, Collector, sleep, someEvents, uniquePrefix, within } from './helpers';

const systemEvent = () => ({
  eventId: randomUUID(),
  type: '$statsCollected',
  contentType: 'application/json',
  data: Buffer.from('{}'),
  metadata: new Uint8Array(),
});

/** Adapter behaviour that needs control over the server: system streams, old servers, a server going away. */
describe('EsdbEventStore details', () => {
  const doubles: EsdbDouble[] = [];
  const stores: EsdbEventStore[] = [];
  const start = async (options: { legacyStreamPositions?: boolean } = {}) => {
    const double = await EsdbDouble.start({ batchAppend: true, ...options });
    const store = new EsdbEventStore(double.connectionString);
    doubles.push(double);
    stores.push(store);
    return { double, store };
  };

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await Promise.all(doubles.splice(0).map((double) => double.stop()));
  });

  it('leaves system streams out of readAll and subscribeToAll when no prefix is given', async () => {
    const { double, store } = await start();
    double.log.append('$stats-127.0.0.1:2113', { kind: 'any' }, [systemEvent()]);
    await store.appendToStream('case-1', [anEvent()], 'no_stream');
    double.log.append('$stats-127.0.0.1:2113', { kind: 'any' }, [systemEvent()]);
    expect((await collect(store.readAll())).map((e) => e.streamId)).toEqual(['case-1']);
    const collector = new Collector(store.subscribeToAll({ from: 'start' }));
    try {
      double.log.append('$stats-127.0.0.1:2113', { kind: 'any' }, [systemEvent()]);
      await store.appendToStream('case-1', [anEvent()], 0);
      const received = await collector.waitFor(2);
      expect(received.map((e) => e.streamId)).toEqual(['case-1', 'case-1']);
    } finally {
      await collector.stop();
    }
  });

  it('delivers a long history to a slow consumer completely and in order (source paused and resumed)', async () => {
    const { store } = await start();
    const prefix = uniquePrefix();
    for (let batch = 0; batch < 6; batch += 1) {
      await store.appendToStream(`${prefix}case-1`, someEvents(100), batch === 0 ? 'no_stream' : batch * 100 - 1);
    }
    const subscription = store.subscribeToAll({ from: 'start', streamPrefix: prefix });
    const revisions: number[] = [];
    try {
      await within(
        (async () => {
          for await (const event of subscription) {
            revisions.push(event.revision);
            if (revisions.length % 50 === 0) await sleep(5);
            if (revisions.length === 600) return;
          }
        })(),
        10_000,
        '600 events',
      );
    } finally {
      await subscription.close();
    }
    expect(revisions).toEqual(Array.from({ length: 600 }, (_, index) => index));
  });

  it('reports position -1n from stream reads of servers that send no position there', async () => {
    const { store } = await start({ legacyStreamPositions: true });
    const result = await store.appendToStream('case-1', [anEvent()], 'no_stream');
    expect((await store.readStream('case-1'))[0].position).toBe(-1n);
    expect((await collect(store.readAll()))[0].position).toBe(result.position);
  });

  it('fails a live subscription, instead of hanging, when the server goes away', async () => {
    const { double, store } = await start();
    const prefix = uniquePrefix();
    const collector = new Collector(store.subscribeToAll({ from: 'start', streamPrefix: prefix }));
    await store.appendToStream(`${prefix}case-1`, [anEvent()], 'no_stream');
    await collector.waitFor(1);
    await double.stop();
    await within(collector.finished, 3000, 'the end of the subscription');
    expect(collector.failure).toBeInstanceOf(Error);
  });

  it('lets an append in flight finish before close() disposes the client (BatchAppend)', async () => {
    const { store } = await start();
    await store.appendToStream('case-1', [anEvent()], 'no_stream'); // opens the long-lived BatchAppend call
    const appending = store.appendToStream('case-1', [anEvent()], 0);
    await store.close();
    await expect(appending).resolves.toMatchObject({ nextExpectedRevision: 1 });
  });

  it('rejects ping when nothing listens', async () => {
    const { double, store } = await start();
    await store.ping();
    await double.stop();
    await expect(store.ping()).rejects.toThrow();
  });
});
