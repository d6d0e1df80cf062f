import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EsdbDouble } from '../../../test/esdb-double/server';
import { type EventStore, type EventToAppend, lastEventOf } from './event-store.port';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** readStream's fromRevision on both adapters: what a cache of loaded streams reads to catch up. */

const step = (index: number): EventToAppend => ({ eventId: randomUUID(), type: 'StepRecorded', data: { index }, metadata: { m: index } });

function describeFromRevision(name: string, open: () => Promise<EventStore> | EventStore): void {
  describe(`readStream fromRevision (${name})`, () => {
    let store: EventStore;
    const streamId = `case-${randomUUID()}`;

    beforeAll(async () => {
      store = await open();
      await store.appendToStream(streamId, [step(0), step(1)], 'no_stream');
      await store.appendToStream(streamId, [step(2), step(3)], 1);
    });
    afterAll(() => store?.close());

    it('reads the events at and after the revision, in order', async () => {
      const events = await store.readStream(streamId, { fromRevision: 2 });
      expect(events.map((e) => [e.revision, e.data])).toEqual([
        [2, { index: 2 }],
        [3, { index: 3 }],
      ]);
    });

    it('reads the whole stream from 0 or without the option', async () => {
      expect((await store.readStream(streamId, { fromRevision: 0 })).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      expect(await store.readStream(streamId)).toEqual(await store.readStream(streamId, { fromRevision: 0 }));
    });

    it('reads nothing past the end and nothing of a missing stream', async () => {
      expect(await store.readStream(streamId, { fromRevision: 4 })).toEqual([]);
      expect(await store.readStream(streamId, { fromRevision: 99 })).toEqual([]);
      expect(await store.readStream(`case-${randomUUID()}`, { fromRevision: 1 })).toEqual([]);
    });

    it('gives an event read from a revision the same fields as a whole read', async () => {
      const whole = await store.readStream(streamId);
      expect(await store.readStream(streamId, { fromRevision: 3 })).toEqual([whole[3]]);
    });

    it('gives the last event alone, without reading the whole stream, and nothing for no stream', async () => {
      const whole = await store.readStream(streamId);
      const wholeReads = jest.spyOn(store, 'readStream');
      try {
        expect(await lastEventOf(store, streamId)).toEqual(whole[3]);
        expect(await lastEventOf(store, `case-${randomUUID()}`)).toBeUndefined();
        expect(wholeReads).not.toHaveBeenCalled();
      } finally {
        wholeReads.mockRestore();
      }
    });

    it('refuses a revision that is not a non-negative integer', async () => {
      await expect(store.readStream(streamId, { fromRevision: -1 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.readStream(streamId, { fromRevision: 1.5 })).rejects.toBeInstanceOf(RangeError);
    });
  });
}

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'read-from-revision-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeFromRevision('SQLite, file', () => new SqliteEventStore(join(directory, 'events.sqlite')));
describeFromRevision('SQLite, memory', () => new SqliteEventStore(':memory:'));

describe('on EventStoreDB (the gRPC double)', () => {
  let double: EsdbDouble;
  beforeAll(async () => {
    double = await EsdbDouble.start({ batchAppend: true });
  });
  afterAll(() => double?.stop());
  describeFromRevision('EventStoreDB client', () => new EsdbEventStore(double.connectionString));
});
