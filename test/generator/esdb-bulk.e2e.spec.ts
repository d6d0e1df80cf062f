import { CASE_STREAM_PREFIX, EsdbEventStore, SqliteEventStore, type EventStore, type StoredEvent } from '@app/event-store';
import { emptyStats, generateIntoStore, PROFILES } from '@app/case-generator';
import { EsdbDouble } from '../esdb-double/server';

/**
 * The bulk path on a store without appendToStreams: EventStoreDB, through the real client over gRPC against the
 * project's test double. The port's fallback appends one stream at a time; the log is the SQLite bulk path's.
 */
describe('generating into EventStoreDB', () => {
  let double: EsdbDouble;
  let esdb: EsdbEventStore;
  let sqlite: SqliteEventStore;

  beforeAll(async () => {
    double = await EsdbDouble.start({ batchAppend: true });
    esdb = new EsdbEventStore(double.connectionString);
    sqlite = new SqliteEventStore(':memory:');
  });
  afterAll(async () => {
    await esdb?.close();
    await sqlite?.close();
    await double?.stop();
  });

  const logOf = async (store: EventStore) => {
    const events: Pick<StoredEvent, 'streamId' | 'revision' | 'eventId' | 'type' | 'data' | 'metadata'>[] = [];
    for await (const { streamId, revision, eventId, type, data, metadata } of store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) {
      events.push({ streamId, revision, eventId, type, data, metadata });
    }
    return events;
  };

  it('writes the same events in the same order as the SQLite bulk path', async () => {
    expect((esdb as EventStore).appendToStreams).toBeUndefined();
    const [viaEsdb, viaSqlite] = [emptyStats(), emptyStats()];
    await generateIntoStore(esdb, PROFILES['rijnmond-year'], 21, { maxCases: 8, stats: viaEsdb });
    await generateIntoStore(sqlite, PROFILES['rijnmond-year'], 21, { maxCases: 8, stats: viaSqlite });
    expect(viaEsdb).toEqual(viaSqlite);
    const log = await logOf(esdb);
    expect(log.length).toBe(viaSqlite.events);
    expect(log).toEqual(await logOf(sqlite));
  }, 120_000);
});
