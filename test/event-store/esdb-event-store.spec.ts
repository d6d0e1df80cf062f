import { EsdbEventStore, WrongExpectedRevisionError } from '@app/event-store';
import { EsdbDouble } from '../esdb-double/server';
import { describeEventStoreContract } from './contract';
import { anEvent, uniquePrefix } from './helpers';

/**
 * The real client, over real gRPC, against the in-process double: once with the double advertising
 * Streams/BatchAppend (the client then appends through it) and once without (plain Streams/Append).
 */
describe.each([
  { mode: 'Append', batchAppend: false },
  { mode: 'BatchAppend', batchAppend: true },
])('EsdbEventStore against the gRPC double in $mode mode', ({ mode, batchAppend }) => {
  let double: EsdbDouble;

  beforeAll(async () => {
    double = await EsdbDouble.start({ batchAppend });
  });

  afterAll(async () => {
    await double?.stop();
  });

  describeEventStoreContract(`EventStoreDB client, ${mode}`, () => new EsdbEventStore(double.connectionString));

  it(`sends every append through Streams/${mode} and nothing else`, async () => {
    const before = { ...double.stats };
    const store = new EsdbEventStore(double.connectionString);
    try {
      const streamId = `${uniquePrefix()}case-1`;
      await store.appendToStream(streamId, [anEvent()], 'no_stream');
      await store.appendToStream(streamId, [anEvent(), anEvent()], 0);
      await expect(store.appendToStream(streamId, [anEvent()], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    } finally {
      await store.close();
    }
    const batchAppends = double.stats.batchAppends - before.batchAppends;
    const appendCalls = double.stats.appendCalls - before.appendCalls;
    expect({ batchAppends, appendCalls }).toEqual(batchAppend ? { batchAppends: 3, appendCalls: 0 } : { batchAppends: 0, appendCalls: 3 });
    expect(double.stats.featureCalls - before.featureCalls).toBe(1);
  });
});

/**
 * The same contract against a real EventStoreDB node when one is configured, e.g.
 * EVENTSTORE_CONNECTION_STRING='esdb://127.0.0.1:2113?tls=false'. Every test uses fresh stream names.
 * (Kept in this file: Jest does not print the console of a file whose tests are all skipped.)
 */
const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  describeEventStoreContract('EventStoreDB server', () => new EsdbEventStore(realServer));
} else {
  console.log('EsdbEventStore against a real EventStoreDB server: skipped, EVENTSTORE_CONNECTION_STRING is not set.');
  describe.skip('EventStoreDB server: EventStore contract (set EVENTSTORE_CONNECTION_STRING to run)', () => {
    it('runs the contract against the configured server', () => undefined);
  });
}
