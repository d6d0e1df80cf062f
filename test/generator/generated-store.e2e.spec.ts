import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseStatusAt, evolve, initialCaseState, NORM_KEYS, type RecordedCaseEvent } from '@app/domain';
import { CASE_STREAM_PREFIX, SqliteEventStore } from '@app/event-store';
import { caseReadModelProjections, rebuildReadModels } from '@app/read-models';
import { emptyStats, generateIntoStore, PROFILES } from '@app/case-generator';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { openStores } from '../../apps/projector/src/projector-config';
import { startTestApp, TEST_SECRET, type TestApp } from '../support/test-app';
import { type FoldedCase, timelinessOf } from './support/log-analysis';

/**
 * A generated log is one the service works with: the read models rebuild from it, and the KPI endpoint counts
 * exactly what the norm engine says of every case.
 */
describe('a generated store', () => {
  let dataDir: string;
  let app: TestApp | undefined;
  let lastPosition: bigint;
  const cases = new Map<string, FoldedCase>();
  const stats = emptyStats();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'generated-store-'));
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      await generateIntoStore(store, PROFILES['rijnmond-year'], 9, { maxCases: 250, stats });
      for await (const stored of store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) {
        const event = { eventId: stored.eventId, type: stored.type, data: stored.data } as RecordedCaseEvent;
        const folded = cases.get(stored.streamId) ?? { caseId: stored.streamId, state: initialCaseState, events: 0 };
        cases.set(stored.streamId, { ...folded, state: evolve(folded.state, event), events: folded.events + 1 });
        lastPosition = stored.position;
      }
    } finally {
      await store.close();
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('rebuilds the read models (as npm run projections:rebuild does) and answers the KPIs as the norm engine judges', async () => {
    const opened = await openStores(loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_SECRET }));
    try {
      const rebuilt = await rebuildReadModels({ store: opened.store, database: opened.database, projections: caseReadModelProjections() });
      expect(rebuilt.events).toBe(stats.events);
      expect(rebuilt.unknownTypes).toEqual({});
    } finally {
      await opened.close();
    }

    app = await startTestApp({ DATA_DIR: dataDir });
    const auditor = await app.token({ role: 'auditor' });
    const asOf = '2025-12-31';
    const res = await app.http
      .get(`/kpi/timeliness?from=2017-01-01&to=2025-12-31&asOf=${asOf}&minPosition=${lastPosition}`)
      .set('Authorization', `Bearer ${auditor}`);
    expect(res.status).toBe(200);
    const expected = timelinessOf(cases.values(), '2017-01-01', '2025-12-31', asOf);
    for (const key of NORM_KEYS) {
      const { met, explained, notMet, pending, notApplicable } = expected[key];
      expect({ key, ...res.body.total[key] }).toMatchObject({ key, met, explained, notMet, pending, notApplicable });
    }
    expect(expected.protector.met).toBeGreaterThan(100);

    // Children waiting for help (an active measure, no appropriate help yet) and for a protector, on two dates.
    for (const date of ['2018-06-30', asOf]) {
      const waiting = await app.http.get(`/kpi/waiting?asOf=${date}&minPosition=${lastPosition}`).set('Authorization', `Bearer ${auditor}`);
      expect(waiting.status).toBe(200);
      const children = (wanted: 'waitingForHelp' | 'waitingForProtector') =>
        new Set([...cases.values()].filter(({ state }) => caseStatusAt(state, date)[wanted]).map(({ state }) => state.childRef)).size;
      expect({ date, help: waiting.body.waitingForHelp.children, protector: waiting.body.waitingForProtector.children }).toEqual({
        date,
        help: children('waitingForHelp'),
        protector: children('waitingForProtector'),
      });
      if (date === '2018-06-30') expect(waiting.body.waitingForHelp.children).toBeGreaterThan(5);
    }
  }, 120_000);
});
