import { CASE_STREAM_PREFIX, SqliteEventStore, type StoredEvent } from '@app/event-store';
import { emptyStats, generateIntoStore, PROFILES } from '@app/case-generator';
import { ensureDemoData, InterruptedDemoLoadError } from '../../apps/generator/src/demo-data';

/** `npm run demo` loads its synthetic year once: a second run finds it and just starts. */
describe('the demo data', () => {
  const source = { profile: PROFILES['rijnmond-year'], seed: 2025, maxCases: 15 };
  let store: SqliteEventStore;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
  });
  afterEach(() => store.close());

  const caseEvents = async (): Promise<StoredEvent[]> => {
    const events: StoredEvent[] = [];
    for await (const event of store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) events.push(event);
    return events;
  };

  it('is loaded into an empty store, and found there the next time without loading it again', async () => {
    const loaded = await ensureDemoData(store, source);
    expect(loaded).toMatchObject({ kind: 'loaded', cases: 15 });
    const events = await caseEvents();
    expect(events.length).toBe((loaded as { events: number }).events);

    expect(await ensureDemoData(store, source)).toEqual({ kind: 'present', events: events.length });
    expect(await caseEvents()).toHaveLength(events.length);
  }, 60_000);

  it('leaves a store with other case events alone', async () => {
    await generateIntoStore(store, PROFILES['rijnmond-year'], 7, { maxCases: 3 });
    const before = (await caseEvents()).length;
    expect(await ensureDemoData(store, source)).toEqual({ kind: 'other', events: before });
    expect(await caseEvents()).toHaveLength(before);
  }, 60_000);

  it('refuses to build on a load that stopped half-way', async () => {
    const stats = emptyStats();
    await generateIntoStore(store, source.profile, source.seed, { maxCases: 5, stats });
    await expect(ensureDemoData(store, source)).rejects.toBeInstanceOf(InterruptedDemoLoadError);
    await expect(ensureDemoData(store, source)).rejects.toThrow(/remove the data directory/);
  }, 60_000);
});
