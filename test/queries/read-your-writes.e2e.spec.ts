import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter, PROBLEM_JSON, outlastStatusCache } from './support/case-writer';

const RANGE = 'from=2021-01-01&to=2021-12-31';
const QUERIES = [
  `/kpi/timeliness?${RANGE}`,
  '/kpi/waiting',
  '/kpi/waiting/series?from=2021-01-01&to=2021-03-01',
  '/kpi/caseload',
  `/kpi/inflow?${RANGE}`,
  '/kpi/registration-lag',
  '/cases',
];

/**
 * Every query states the log position it reflects; ?minPosition= waits (bounded) until the read models include
 * a write; without a projection runner the wait ends in 503 with Retry-After; /health shows the lag.
 */
describeApiOnReadModelDialects('Read models: positions, ?minPosition= and lag', (startApp) => {
  describe('with the projections running in the api', () => {
    let t: DialectTestApp;
    let w: CaseWriter;

    beforeAll(async () => {
      t = await startApp();
      w = new CaseWriter(t);
    });

    it('answers every query with the position it reflects, and reads its own writes with ?minPosition=', async () => {
      for (let i = 1; i <= 5; i++) {
        const caseId = await w.impose({ childRef: `child-ryw-${i}`, familyRef: `fam-ryw-${i}`, pronouncedOn: '2021-02-01', giNotifiedOn: '2021-02-02' });
        const written = await w.assign(caseId, `prot-ryw-${i}`, '2021-02-04');
        // Immediately: the answer includes the write, and says so.
        const kpi = await w.get(`/kpi/timeliness?${RANGE}&minPosition=${written.position}`, 'auditor', { wait: false });
        expect(kpi.status).toBe(200);
        expect(kpi.body.total.protector.met).toBe(i);
        const worklist = await w.get(`/cases?protectorRef=prot-ryw-${i}&minPosition=${written.position}`, 'auditor', { wait: false });
        expect(worklist.status).toBe(200);
        expect(worklist.body.items.map((item: { caseId: string }) => item.caseId)).toEqual([caseId, caseId]); // plan, help
      }
      await outlastStatusCache();
      for (const path of QUERIES) {
        const res = await w.get(path, path === '/cases' ? 'auditor' : 'analyst');
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect({ path, position: res.body.position }).toEqual({ path, position: String(w.lastPosition) });
        expect(res.body.lag).toEqual({ eventsBehind: 0, secondsBehind: 0, caughtUp: true });
      }
      // The case page reads the stream itself: its position is the case's last event.
      const caseId = w.caseIds[0];
      const page = await t.http.get(`/cases/${caseId}`).set('Authorization', `Bearer ${await w.token('auditor')}`);
      expect(page.status).toBe(200);
      expect(page.body.position).toBe(String((await t.streamOf(caseId)).at(-1)!.position));
    });

    // The answer's position comes from the in-process runner, refreshed on every commit: never older than the
    // position the request waited for.
    it('states a position at least the ?minPosition= it waited for, right after a write', async () => {
      const stated: Array<[bigint, bigint]> = [];
      for (let i = 1; i <= 5; i++) {
        await w.get('/kpi/inflow?from=2021-01-01&to=2021-01-31', 'auditor', { wait: false }); // a status read just before
        await w.impose({ childRef: `child-stale-${i}`, familyRef: `fam-stale-${i}` });
        const written = w.lastPosition;
        const res = await w.get(`/kpi/inflow?from=2021-01-01&to=2021-01-31&minPosition=${written}`, 'auditor', { wait: false });
        expect(res.status).toBe(200);
        stated.push([BigInt(res.body.position), written]);
      }
      expect(stated.filter(([position, written]) => position < written)).toEqual([]);
    });

    it('shows the read models on /health: position, events and seconds behind', async () => {
      await w.get(`/kpi/caseload`, 'auditor'); // waits for every write so far
      await outlastStatusCache();
      const res = await t.http.get('/health');
      expect(res.status).toBe(200);
      expect(res.body.info.readModels).toEqual({
        status: 'up',
        runner: 'running',
        position: String(w.lastPosition),
        eventsBehind: 0,
        eventsBehindCapped: false,
        secondsBehind: 0,
        caughtUp: true,
      });
    });

    it('refuses a minPosition that is not a log position', async () => {
      for (const bad of ['abc', '-1', '1.5', '123456789012345678901']) {
        const res = await w.get(`/kpi/waiting?minPosition=${bad}`, 'auditor', { wait: false });
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
        expect(res.body.errors[0].field).toBe('minPosition');
      }
    });
  });

  describe('without a projection runner (PROJECTIONS_IN_PROCESS=false)', () => {
    let t: DialectTestApp;
    let w: CaseWriter;
    let position: string;

    beforeAll(async () => {
      t = await startApp({ PROJECTIONS_IN_PROCESS: 'false', MIN_POSITION_WAIT_MS: '200' });
      w = new CaseWriter(t);
      const caseId = await w.impose({ childRef: 'child-norun', familyRef: 'fam-norun' });
      position = (await w.assign(caseId, 'prot-norun', '2021-03-04')).position as string;
    });

    it('answers ?minPosition= of a write with 503 problem+json and Retry-After once the wait is over', async () => {
      for (const path of QUERIES) {
        const started = Date.now();
        const separator = path.includes('?') ? '&' : '?';
        const res = await w.get(`${path}${separator}minPosition=${position}`, 'auditor', { wait: false });
        const waited = Date.now() - started;
        expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 503, type: expect.stringMatching(PROBLEM_JSON) });
        expect(res.headers['retry-after']).toBe('1');
        expect(res.body).toMatchObject({ type: 'https://rijnmond-cases.example/problems/read-models-behind', status: 503 });
        expect(res.body.detail).toContain(position);
        expect(waited).toBeGreaterThanOrEqual(190);
        expect(waited).toBeLessThan(5000);
      }
    });

    it('answers without minPosition, saying how far behind it is; /health says the same', async () => {
      const res = await w.get(`/kpi/timeliness?${RANGE}`, 'auditor', { wait: false });
      expect(res.status).toBe(200);
      expect(res.body.position).toBeNull();
      expect(res.body.lag).toMatchObject({ eventsBehind: 2, caughtUp: false });
      expect(res.body.lag.secondsBehind).toBeGreaterThanOrEqual(0);
      expect(res.body.total.protector.met).toBe(0);
      const health = await t.http.get('/health');
      expect(health.status).toBe(200);
      expect(health.body.info.readModels).toMatchObject({ status: 'up', runner: 'external', position: null, eventsBehind: 2, caughtUp: false });
      expect(typeof health.body.info.readModels.secondsBehind).toBe('number');
    });
  });
});
