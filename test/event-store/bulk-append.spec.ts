import { randomUUID } from 'node:crypto';
import {
  appendToStreams,
  DuplicateEventIdError,
  type EventStore,
  type SerializedEventToAppend,
  SqliteEventStore,
  type StreamAppend,
  WrongExpectedRevisionError,
} from '@app/event-store';
import { anEvent, collect, Collector, someEvents } from './helpers';

/**
 * The bulk path of a data load (issue 5): many streams in one all-or-nothing transaction, each append with its
 * own expected revision. Same guarantees as appendToStream, per append; one refusal appends nothing at all.
 */
describe('SqliteEventStore.appendToStreams', () => {
  let store: SqliteEventStore;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:', { pageSize: 3 });
  });

  afterEach(async () => {
    await store.close();
  });

  const log = async () => (await collect(store.readAll())).map((e) => [e.streamId, e.revision, e.eventId]);

  it('appends the streams in the order given, interleaved in the log, one result per append', async () => {
    const [a1, b1, a2, c1] = [someEvents(2), someEvents(1), someEvents(3), someEvents(1)];
    await store.appendToStream('case-c', someEvents(1), 'no_stream');
    const results = await store.appendToStreams([
      { streamId: 'case-a', events: a1, expected: 'no_stream' },
      { streamId: 'case-b', events: b1, expected: 'no_stream' },
      { streamId: 'case-a', events: a2, expected: 1 },
      { streamId: 'case-c', events: c1, expected: 0 },
    ]);

    expect((await log()).slice(1)).toEqual([
      ...a1.map((e, i) => ['case-a', i, e.eventId]),
      ['case-b', 0, b1[0].eventId],
      ...a2.map((e, i) => ['case-a', i + 2, e.eventId]),
      ['case-c', 1, c1[0].eventId],
    ]);
    const all = await collect(store.readAll());
    const positionOf = (eventId: string) => all.find((e) => e.eventId === eventId)!.position;
    expect(results).toEqual([
      { nextExpectedRevision: 1, position: positionOf(a1[1].eventId) },
      { nextExpectedRevision: 0, position: positionOf(b1[0].eventId) },
      { nextExpectedRevision: 4, position: positionOf(a2[2].eventId) },
      { nextExpectedRevision: 1, position: positionOf(c1[0].eventId) },
    ]);
    // What comes back is what went in, data and metadata alike.
    expect((await store.readStream('case-a')).map((e) => [e.type, e.data, e.metadata])).toEqual(
      [...a1, ...a2].map((e) => [e.type, e.data, e.metadata]),
    );
  });

  it("checks 'any' and numbers against what earlier appends of the same batch left", async () => {
    await store.appendToStreams([
      { streamId: 'audit-1', events: someEvents(2), expected: 'any' },
      { streamId: 'audit-1', events: someEvents(1), expected: 'any' },
      { streamId: 'audit-1', events: someEvents(1), expected: 2 },
    ]);
    expect((await store.readStream('audit-1')).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
  });

  it.each<[string, (existing: string) => StreamAppend[], { streamId: string; expected: unknown; actual: unknown }]>([
    [
      'a stale revision on a stored stream',
      () => [
        { streamId: 'case-new', events: someEvents(2), expected: 'no_stream' },
        { streamId: 'case-old', events: someEvents(1), expected: 0 },
      ],
      { streamId: 'case-old', expected: 0, actual: 1 },
    ],
    [
      "'no_stream' for a stream an earlier append of the batch created",
      () => [
        { streamId: 'case-new', events: someEvents(2), expected: 'no_stream' },
        { streamId: 'case-new', events: someEvents(1), expected: 'no_stream' },
      ],
      { streamId: 'case-new', expected: 'no_stream', actual: 1 },
    ],
    [
      'a revision that skips what the batch appended before',
      () => [
        { streamId: 'case-old', events: someEvents(1), expected: 1 },
        { streamId: 'case-old', events: someEvents(1), expected: 1 },
      ],
      { streamId: 'case-old', expected: 1, actual: 2 },
    ],
  ])('refuses %s, naming that append, and appends nothing of the batch', async (_name, batch, refusal) => {
    await store.appendToStream('case-old', someEvents(2), 'no_stream');
    const before = await log();
    const attempt = store.appendToStreams(batch('case-old'));
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(attempt).rejects.toMatchObject(refusal);
    expect(await log()).toEqual(before);
  });

  it('refuses an event id the store holds, or one repeated across appends of the batch, and appends nothing', async () => {
    const stored = anEvent();
    await store.appendToStream('case-old', [stored], 'no_stream');
    const before = await log();

    const again = store.appendToStreams([
      { streamId: 'case-a', events: someEvents(2), expected: 'no_stream' },
      { streamId: 'case-b', events: [anEvent(), stored], expected: 'no_stream' },
    ]);
    await expect(again).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(again).rejects.toMatchObject({ streamId: 'case-b', eventIds: [stored.eventId] });

    const repeated = anEvent();
    const twice = store.appendToStreams([
      { streamId: 'case-a', events: [repeated], expected: 'no_stream' },
      { streamId: 'case-b', events: [anEvent(), repeated], expected: 'no_stream' },
    ]);
    await expect(twice).rejects.toMatchObject({ name: 'DuplicateEventIdError', streamId: 'case-b', eventIds: [repeated.eventId] });
    expect(await log()).toEqual(before);
  });

  it('refuses an empty append or a bad revision before touching the store; an empty batch appends nothing', async () => {
    await expect(store.appendToStreams([{ streamId: 'case-a', events: [], expected: 'no_stream' }])).rejects.toBeInstanceOf(RangeError);
    await expect(store.appendToStreams([{ streamId: 'case-a', events: someEvents(1), expected: -1 }])).rejects.toBeInstanceOf(RangeError);
    await expect(store.appendToStreams([])).resolves.toEqual([]);
    expect(await log()).toEqual([]);
  });

  it('stores events handed over as JSON text as they are, beside events handed over as values', async () => {
    const serialized: SerializedEventToAppend = {
      eventId: randomUUID(),
      type: 'PlanAgreed',
      dataJson: '{"agreedOn":"2021-03-01","goals":["é ✓"]}',
      metadataJson: '{"recordedAt":"2021-03-02T10:00:00.000Z","actor":{"sub":"p-1"}}',
    };
    const plain = anEvent();
    await store.appendToStreams([{ streamId: 'case-a', events: [serialized, plain], expected: 'no_stream' }]);
    const [first, second] = await store.readStream('case-a');
    expect(first).toMatchObject({ eventId: serialized.eventId, type: 'PlanAgreed', data: JSON.parse(serialized.dataJson), metadata: JSON.parse(serialized.metadataJson) });
    expect(second).toMatchObject({ eventId: plain.eventId, data: plain.data, metadata: plain.metadata });
    const duplicate = store.appendToStreams([{ streamId: 'case-b', events: [{ ...serialized }], expected: 'no_stream' }]);
    await expect(duplicate).rejects.toMatchObject({ name: 'DuplicateEventIdError', eventIds: [serialized.eventId] });
  });

  it('wakes its subscriptions once the batch is committed', async () => {
    const quiet = new SqliteEventStore(':memory:', { pollIntervalMs: 60_000 });
    const collector = new Collector(quiet.subscribeToAll({ from: 'start' }));
    try {
      await quiet.appendToStream('case-0', someEvents(1), 'no_stream');
      await collector.waitFor(1);
      await quiet.appendToStreams([
        { streamId: 'case-1', events: someEvents(2), expected: 'no_stream' },
        { streamId: 'case-2', events: someEvents(1), expected: 'no_stream' },
      ]);
      expect((await collector.waitFor(4, 1000)).map((e) => e.streamId)).toEqual(['case-0', 'case-1', 'case-1', 'case-2']);
    } finally {
      await collector.stop();
      await quiet.close();
    }
  });
});

describe('appendToStreams on a store without the capability', () => {
  let inner: SqliteEventStore;
  /** The same adapter seen only through the required members of the port: no appendToStreams. */
  let plain: EventStore;

  beforeEach(() => {
    inner = new SqliteEventStore(':memory:');
    plain = {
      appendToStream: (...args) => inner.appendToStream(...args),
      readStream: (streamId) => inner.readStream(streamId),
      readAll: (options) => inner.readAll(options),
      subscribeToAll: (options) => inner.subscribeToAll(options),
      ping: () => inner.ping(),
      close: () => inner.close(),
    };
  });

  afterEach(async () => {
    await inner.close();
  });

  it('appends one stream at a time, in order, with the same results as the bulk path', async () => {
    const batch: StreamAppend[] = [
      { streamId: 'case-a', events: someEvents(2), expected: 'no_stream' },
      { streamId: 'case-b', events: someEvents(1), expected: 'no_stream' },
      { streamId: 'case-a', events: someEvents(1), expected: 1 },
    ];
    const results = await appendToStreams(plain, batch);
    expect(results.map((r) => r.nextExpectedRevision)).toEqual([1, 0, 2]);
    expect((await collect(inner.readAll())).map((e) => e.eventId)).toEqual(batch.flatMap((a) => a.events.map((e) => e.eventId)));
  });

  it('stops at the first refusal, keeping the appends before it (no atomicity without the capability)', async () => {
    const first = someEvents(1);
    const attempt = appendToStreams(plain, [
      { streamId: 'case-a', events: first, expected: 'no_stream' },
      { streamId: 'case-a', events: someEvents(1), expected: 'no_stream' },
      { streamId: 'case-b', events: someEvents(1), expected: 'no_stream' },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect((await collect(inner.readAll())).map((e) => e.eventId)).toEqual([first[0].eventId]);
  });

  it('parses events handed over as JSON text for a store that takes values', async () => {
    const eventId = randomUUID();
    await appendToStreams(plain, [
      { streamId: 'case-a', events: [{ eventId, type: 'T', dataJson: '{"a":[1,"x"]}', metadataJson: '{"m":true}' }], expected: 'no_stream' },
    ]);
    expect((await inner.readStream('case-a'))[0]).toMatchObject({ eventId, data: { a: [1, 'x'] }, metadata: { m: true } });
  });

  it('uses the capability when the store has it', async () => {
    const spied = jest.spyOn(inner, 'appendToStreams');
    await appendToStreams(inner, [{ streamId: 'case-a', events: someEvents(1), expected: 'no_stream' }]);
    expect(spied).toHaveBeenCalledTimes(1);
  });
});
