import type { AddressInfo } from 'node:net';
import { evaluateNorms, foldCase, type RecordedCaseEvent } from '@app/domain';
import { type ChainEvent, verifyChain } from '@app/domain/integrity';
import { CASE_STREAM_PREFIX, type EventStore, SqliteEventStore, type StoredEvent } from '@app/event-store';
import { emptyStats, generateIntoStore, generateThroughApi } from '@app/case-generator';
import { startTestApp, type TestApp } from '../support/test-app';
import { BEFORE_TEST_CLOCK } from './support/generated';

/**
 * `--via api`: the same generated steps, each a request to the real application (on its test clock, 2021-09-01),
 * which decides, seals and appends them itself. The api makes its own event and waiting-list entry ids and
 * stamps recordedAt with its own clock; everything else must come out as the bulk path writes it.
 */
const CASES = 12;

const streamsOf = async (store: EventStore): Promise<Map<string, StoredEvent[]>> => {
  const streams = new Map<string, StoredEvent[]>();
  for await (const event of store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) {
    streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  }
  return streams;
};

/** A stream with its ids (events, waiting-list entries) renamed by order of appearance, and its server clock left out. */
const comparable = (events: StoredEvent[]) => {
  const names = new Map<string, string>();
  const rename = (value: unknown): unknown => {
    if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) {
      if (!names.has(value)) names.set(value, `id-${names.size}`);
      return names.get(value);
    }
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'caseId' ? v : rename(v)]));
    return value;
  };
  return events.map(({ eventId, type, data, metadata }) => ({
    eventId: rename(eventId),
    type,
    data: rename(data),
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    schemaVersion: metadata.schemaVersion,
  }));
};

const fold = (events: StoredEvent[]) => foldCase(events.map(({ eventId, type, data }) => ({ eventId, type, data }) as RecordedCaseEvent));
const chain = (events: StoredEvent[]): ChainEvent[] =>
  events.map(({ streamId, revision, eventId, type, data, metadata, position }) => ({ streamId, revision, eventId, type, data, metadata, position: String(position) }));

describe('generate --via api', () => {
  let app: TestApp;
  let bulk: SqliteEventStore;

  beforeAll(async () => {
    app = await startTestApp();
    await app.app.listen(0, '127.0.0.1');
    bulk = new SqliteEventStore(':memory:');
  });
  afterAll(async () => {
    await bulk?.close();
    await app?.close();
  });

  it('records through the real api exactly the cases the bulk path writes, as valid sealed streams', async () => {
    const { port } = app.app.getHttpServer().address() as AddressInfo;
    const viaApi = emptyStats();
    await generateThroughApi(BEFORE_TEST_CLOCK, 11, {
      baseUrl: `http://127.0.0.1:${port}`,
      tokenFor: (actor) => app.token({ sub: actor.sub, role: actor.role as 'protector', institution: actor.institution as 'JBRR' }),
      concurrency: 4,
      maxCases: CASES,
      stats: viaApi,
    });
    const inBulk = emptyStats();
    await generateIntoStore(bulk, BEFORE_TEST_CLOCK, 11, { maxCases: CASES, stats: inBulk });

    expect(viaApi).toMatchObject({ cases: CASES, events: inBulk.events, refused: {} });
    expect(inBulk.events).toBeGreaterThan(CASES * 4);
    const [apiStreams, bulkStreams] = [await streamsOf(app.store), await streamsOf(bulk)];
    expect([...apiStreams.keys()].sort()).toEqual([...bulkStreams.keys()].sort());
    expect(new Set([...apiStreams.values()].flat().map((e) => e.type)).size).toBeGreaterThanOrEqual(6);

    for (const [streamId, events] of apiStreams) {
      const expected = bulkStreams.get(streamId)!;
      expect(comparable(events)).toEqual(comparable(expected));
      expect(verifyChain(chain(events))).toMatchObject({ ok: true, events: expected.length });
      // The api's server clock (2021-09-01) instead of the simulated one: the business dates are what count.
      expect(events.every((e) => e.metadata.recordedAt === '2021-09-01T10:00:00.000Z')).toBe(true);
      const [viaApiState, bulkState] = [fold(events), fold(expected)];
      for (const date of ['2021-06-30', '2021-08-31']) {
        const [a, b] = [evaluateNorms(viaApiState, date), evaluateNorms(bulkState, date)];
        expect({ streamId, date, states: [a.protector.state, a.fixedProtector.state, a.plan.state, a.help.state] }).toEqual({
          streamId,
          date,
          states: [b.protector.state, b.fixedProtector.state, b.plan.state, b.help.state],
        });
      }
      expect({ ...viaApiState, entries: undefined, assignments: undefined, waitlist: undefined }).toEqual({
        ...bulkState,
        entries: undefined,
        assignments: undefined,
        waitlist: undefined,
      });
    }
  }, 180_000);
});
