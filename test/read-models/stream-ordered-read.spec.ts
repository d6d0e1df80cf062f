import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type StoredEvent } from '@app/event-store';
import { openStreamRangeReader, type ReadsByStream } from '@app/event-store/sqlite/stream-ordered-read';
import { CaseLog } from './support/case-log';
import { generateCaseLog } from './support/generated-log';

const readAll = async (store: ReadsByStream, options: Parameters<ReadsByStream['readAllByStream']>[0]) => {
  const events: StoredEvent[] = [];
  for await (const page of store.readAllByStream(options).pages()) events.push(...page);
  return events;
};

describe('the SQLite store read stream by stream, with only some metadata keys', () => {
  let log: CaseLog;
  beforeAll(async () => {
    log = new CaseLog();
    await generateCaseLog(log, { cases: 6, seed: 3 });
  });
  afterAll(() => log.close());

  it('gives the same events, each with only the metadata keys asked for (missing ones left out)', async () => {
    const store = log.store as typeof log.store & ReadsByStream;
    const full = await readAll(store, { streamPrefix: 'case-', pageSize: 7 });
    const trimmed = await readAll(store, { streamPrefix: 'case-', pageSize: 7, metadataKeys: ['recordedAt', 'noSuchKey', 'actor', 'schemaVersion'] });
    expect(full.length).toBeGreaterThan(20);
    // Strings, numbers and objects come back as they were written.
    expect(trimmed).toEqual(
      full.map((event) => {
        const { recordedAt, actor, schemaVersion } = event.metadata;
        return { ...event, metadata: { recordedAt, actor, schemaVersion } };
      }),
    );
    expect(trimmed[0].metadata.actor).toEqual({ sub: 'protector-1' });
    expect(full.some((event) => Object.keys(event.metadata).length > 1)).toBe(true);
    expect((await readAll(store, { streamPrefix: 'case-', metadataKeys: [] })).every((e) => Object.keys(e.metadata).length === 0)).toBe(true);
    expect(() => store.readAllByStream({ metadataKeys: ["x') --"] })).toThrow(RangeError);
  });
});

describe('the SQLite store read in ranges of whole streams, for other threads', () => {
  let directory: string;
  let log: CaseLog;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'stream-ranges-'));
    log = new CaseLog(new SqliteEventStore(join(directory, 'events.sqlite'), { synchronous: 'NORMAL', appendOn: 'inline' }));
    await generateCaseLog(log, { cases: 12, seed: 7 });
    await log.append('case-zz-long', 'CaseArchivedByAFutureVersion', {});
    for (let i = 0; i < 30; i += 1) await log.append('case-zz-long', 'CaseArchivedByAFutureVersion', { i });
    await log.append('other-stream', 'SomethingElse', {});
  });
  afterAll(async () => {
    await log.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it.each([1, 10, 45])('covers exactly the events of pages(), in ranges of whole streams that end where the %i+1st event is', async (size) => {
    const store = log.store as typeof log.store & ReadsByStream;
    const read = store.readAllByStream({ streamPrefix: 'case-', metadataKeys: ['recordedAt'] });
    // Appended after the read began: beyond its upTo, so in no range.
    await log.append(`case-00-late-${size}`, 'CaseArchivedByAFutureVersion', {});
    const expected = await readAll(Object.assign(Object.create(store), { readAllByStream: () => read }), {});
    const reader = openStreamRangeReader(read.shared!.source);
    try {
      const ranges = [...read.shared!.ranges(size)].map((range) => reader.read(range));
      expect(ranges.flat()).toEqual(expected);
      expect(ranges.every((events) => events.length > 0)).toBe(true);
      expect(expected.some((event) => event.streamId === `case-00-late-${size}` || !event.streamId.startsWith('case-'))).toBe(false);
      const length = (streamId: string) => expected.filter((event) => event.streamId === streamId).length;
      ranges.slice(0, -1).forEach((events, i) => {
        const streams = new Set(events.map((event) => event.streamId));
        const next = ranges[i + 1][0].streamId;
        expect(streams.has(next)).toBe(false);
        // The streams before the one holding the range's (size+1)-th event; or a longer stream alone.
        if (streams.size === 1 && events.length > size) return;
        expect(events.length).toBeLessThanOrEqual(size);
        expect(events.length + length(next)).toBeGreaterThan(size);
      });
      expect(ranges.some((events) => events.length === 31 && events[0].streamId === 'case-zz-long')).toBe(true);
      if (size > 1) expect(ranges.filter((events) => new Set(events.map((event) => event.streamId)).size > 1).length).toBeGreaterThan(0);
    } finally {
      reader.close();
    }
  });

  it('is not offered for an in-memory log', async () => {
    const inMemory = new CaseLog();
    await inMemory.append('case-1', 'CaseArchivedByAFutureVersion', {});
    const read = inMemory.store.readAllByStream();
    expect(read.upTo).toBe(1n);
    expect(read.shared).toBeUndefined();
    return inMemory.close();
  });
});
