import type { StoredEvent } from '@app/event-store';
import type { ReadsByStream } from '@app/event-store/sqlite/stream-ordered-read';
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
    const trimmed = await readAll(store, { streamPrefix: 'case-', pageSize: 7, metadataKeys: ['recordedAt', 'noSuchKey'] });
    expect(full.length).toBeGreaterThan(20);
    expect(trimmed).toEqual(
      full.map((event) => ({
        ...event,
        metadata: event.metadata.recordedAt === undefined ? {} : { recordedAt: event.metadata.recordedAt },
      })),
    );
    expect(full.some((event) => Object.keys(event.metadata).length > 1)).toBe(true);
    expect((await readAll(store, { streamPrefix: 'case-', metadataKeys: [] })).every((e) => Object.keys(e.metadata).length === 0)).toBe(true);
    expect(() => store.readAllByStream({ metadataKeys: ["x') --"] })).toThrow(RangeError);
  });
});
