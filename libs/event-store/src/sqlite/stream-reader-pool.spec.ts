import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { StreamReaderPool } from './stream-reader-pool';

const event = (index: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'StepRecorded',
  data: { index, note: `één ${'x'.repeat(index * 37)}`, nested: { list: [index, null, true] } },
  metadata: { recordedAt: `2026-01-${String((index % 28) + 1).padStart(2, '0')}T10:00:00.000Z` },
});

describe('StreamReaderPool (whole-stream reads on reader threads)', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stream-readers-'));
    file = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads what the caller thread reads, and sees every append acknowledged before the read', async () => {
    const threaded = new SqliteEventStore(file);
    const inline = new SqliteEventStore(file, { readStreamsOn: 'inline', appendOn: 'inline' });
    try {
      const streamId = `case-${randomUUID()}`;
      await threaded.appendToStream(streamId, Array.from({ length: 120 }, (_, i) => event(i)), 'no_stream');
      for (let revision = 119; revision < 125; revision += 1) {
        await threaded.appendToStream(streamId, [event(revision + 1)], revision);
        const read = await threaded.readStream(streamId);
        expect(read).toHaveLength(revision + 2);
        expect(read).toEqual(await inline.readStream(streamId));
      }
      expect(await threaded.readStream(`case-${randomUUID()}`)).toEqual([]);
    } finally {
      await Promise.all([threaded.close(), inline.close()]);
    }
  });

  it('answers concurrent reads of different streams, each with its own stream', async () => {
    const store = new SqliteEventStore(file);
    try {
      const streams = Array.from({ length: 12 }, (_, i) => ({ id: `case-${randomUUID()}`, length: i + 1 }));
      for (const { id, length } of streams) await store.appendToStream(id, Array.from({ length }, (_, i) => event(i)), 'no_stream');
      const reads = await Promise.all(streams.map(({ id }) => store.readStream(id)));
      expect(reads.map((events) => events.length)).toEqual(streams.map(({ length }) => length));
      expect(reads.every((events, i) => events.every((e, revision) => e.streamId === streams[i].id && e.revision === revision))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('answers the reads in flight when closed, and refuses reads after', async () => {
    const store = new SqliteEventStore(file);
    const streamId = `case-${randomUUID()}`;
    await store.appendToStream(streamId, [event(0), event(1)], 'no_stream');
    const inFlight = store.readStream(streamId);
    await store.close();
    expect((await inFlight).map((e) => e.revision)).toEqual([0, 1]);
    await expect(store.readStream(streamId)).rejects.toThrow(/closed/);
  });

  it('rejects a read whose reader cannot open the log, and starts a new reader for the next', async () => {
    const pool = new StreamReaderPool(file, 1);
    try {
      await expect(pool.read('case-x', 0)).rejects.toThrow(/SQLITE_CANTOPEN/);
      const store = new SqliteEventStore(file, { readStreamsOn: 'inline' });
      await store.appendToStream('case-x', [event(0)], 'no_stream');
      await store.close();
      expect((await pool.read('case-x', 0)).map((row) => row.revision)).toEqual([0]);
    } finally {
      await pool.close();
    }
  });
});
