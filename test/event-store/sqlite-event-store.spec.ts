import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuplicateEventIdError, SqliteEventStore } from '@app/event-store';
import { describeEventStoreContract } from './contract';
import { anEvent, collect, Collector, someEvents, uniquePrefix, within } from './helpers';

describe('SqliteEventStore', () => {
  let dir: string;
  let files = 0;
  const nextFile = (): string => join(dir, `store-${(files += 1)}`, 'events.sqlite');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-store-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describeEventStoreContract('SQLite on a temporary file', () => new SqliteEventStore(nextFile()));
  describeEventStoreContract('SQLite in memory, pages of 2', () => new SqliteEventStore(':memory:', { pageSize: 2 }));

  describe('on disk', () => {
    const open: SqliteEventStore[] = [];
    const openStore = (file: string, options = {}): SqliteEventStore => {
      const store = new SqliteEventStore(file, options);
      open.push(store);
      return store;
    };

    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()));
    });

    it('creates the missing directory and writes in WAL mode', async () => {
      const file = nextFile();
      await openStore(file).appendToStream('case-1', [anEvent()], 'no_stream');
      const raw = new Database(file, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(raw.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
      } finally {
        raw.close();
      }
    });

    it('lets a second instance on the same file see appends through its subscription (polling)', async () => {
      const file = nextFile();
      const writer = openStore(file);
      const reader = openStore(file, { pollIntervalMs: 50 });
      const collector = new Collector(reader.subscribeToAll({ from: 'start', streamPrefix: 'case-' }));
      try {
        await writer.appendToStream('case-1', [anEvent()], 'no_stream');
        const live = anEvent();
        await writer.appendToStream('case-1', [live], 0);
        const received = await collector.waitFor(2, 2000);
        expect(received[1].eventId).toBe(live.eventId);
      } finally {
        await collector.stop();
      }
    });

    it('keeps events and increasing positions across a reopen', async () => {
      const file = nextFile();
      const first = openStore(file);
      const before = await first.appendToStream('case-1', someEvents(2), 'no_stream');
      await first.close();
      const after = await openStore(file).appendToStream('case-1', [anEvent()], 1);
      expect(after.position).toBeGreaterThan(before.position);
      expect(after.nextExpectedRevision).toBe(2);
    });

    it('stamps storedAt with the injected clock', async () => {
      const at = new Date('2024-03-01T10:00:00.000Z');
      const store = openStore(nextFile(), { now: () => at });
      await store.appendToStream('case-1', [anEvent()], 'no_stream');
      expect((await store.readStream('case-1'))[0].storedAt).toEqual(at);
    });
  });

  describe('in memory', () => {
    let store: SqliteEventStore;

    beforeEach(() => {
      store = new SqliteEventStore(':memory:', { pageSize: 2 });
    });

    afterEach(async () => {
      await store.close();
    });

    it('refuses an event id it already holds, or one repeated in the batch, and appends nothing', async () => {
      const event = anEvent();
      await store.appendToStream('case-1', [event], 'no_stream');
      const again = store.appendToStream('case-2', [anEvent(), event], 'no_stream');
      await expect(again).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(again).rejects.toMatchObject({ streamId: 'case-2', eventIds: [event.eventId] });
      const twice = anEvent();
      await expect(store.appendToStream('case-3', [twice, twice], 'any')).rejects.toMatchObject({
        eventIds: [twice.eventId],
      });
      expect(await collect(store.readAll())).toHaveLength(1);
    });

    it('treats GLOB characters in a prefix literally', async () => {
      await store.appendToStream('a*[x-1', [anEvent()], 'no_stream');
      await store.appendToStream('abx-1', [anEvent()], 'no_stream');
      await store.appendToStream('a?[x-1', [anEvent()], 'no_stream');
      const matched = await collect(store.readAll({ streamPrefix: 'a*[' }));
      expect(matched.map((e) => e.streamId)).toEqual(['a*[x-1']);
    });

    it('reads across page boundaries from an inclusive position with maxCount', async () => {
      const prefix = uniquePrefix();
      await store.appendToStream(`${prefix}a`, someEvents(7), 'no_stream');
      const all = await collect(store.readAll());
      const slice = await collect(store.readAll({ from: all[1].position, maxCount: 5 }));
      expect(slice).toEqual(all.slice(1, 6));
    });

    it('wakes its own subscriptions on append, without waiting for the poll', async () => {
      const unpolled = new SqliteEventStore(':memory:', { pollIntervalMs: 60_000 });
      const collector = new Collector(unpolled.subscribeToAll({ from: 'start' }));
      try {
        await unpolled.appendToStream('case-1', [anEvent()], 'no_stream');
        await collector.waitFor(1);
        await unpolled.appendToStream('case-1', [anEvent()], 0);
        await collector.waitFor(2, 1000);
      } finally {
        await collector.stop();
        await unpolled.close();
      }
    });

    it('ends its subscriptions when the store closes', async () => {
      const collector = new Collector(store.subscribeToAll({ from: 'start' }));
      await store.appendToStream('case-1', [anEvent()], 'no_stream');
      await collector.waitFor(1);
      await store.close();
      await within(collector.finished, 1000, 'the end of the subscription');
    });
  });
});
