import { describeApiOnReadModelDialects } from '../support/read-model-dialects';
import { CaseWriter, outlastStatusCache } from './support/case-writer';

const QUERIES = [
  '/kpi/timeliness?from=2021-01-01&to=2021-12-31&groupBy=institution',
  '/kpi/waiting?groupBy=helpType',
  '/kpi/waiting/series?from=2021-01-01&to=2021-09-01&interval=month',
  '/kpi/caseload',
  '/kpi/inflow?from=2021-01-01&to=2021-12-31&interval=quarter&groupBy=measureType',
  '/kpi/registration-lag',
  '/cases',
];

/**
 * The read models live on across restarts: an app started again on the same DATA_DIR (and PostgreSQL database)
 * answers exactly as before, from its checkpoint, and its runner resumes there and applies only what is new.
 */
describeApiOnReadModelDialects('Read models across a restart', (startApp, { restartApp }) => {
  it('gives the same answers after a restart, and resumes from the checkpoint', async () => {
    const first = await startApp();
    let w = new CaseWriter(first);
    const a = await w.impose({ childRef: 'child-rs-a', familyRef: 'fam-rs-a', pronouncedOn: '2021-02-01', giNotifiedOn: '2021-02-02' });
    await w.assign(a, 'prot-rs-a', '2021-02-05');
    await w.waitlist(a, { waitingFor: 'HELP', since: '2021-05-01', helpType: 'E_AMBULANT', provider: 'prov-1', reason: 'CAPACITY' });
    const b = await w.impose({ childRef: 'child-rs-b', familyRef: 'fam-rs-b', institution: 'LJR', measureType: 'VOOGDIJ', pronouncedOn: '2021-06-01', giNotifiedOn: '2021-06-02' });
    await w.plan(b, '2021-06-20');
    const writtenBefore = w.lastPosition;
    await w.get('/kpi/caseload', 'auditor'); // the read models have every write...
    await outlastStatusCache(); // ...and the answers below say so
    const before = new Map<string, unknown>();
    for (const path of QUERIES) {
      const res = await w.get(path, 'auditor');
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      before.set(path, res.body);
    }
    expect((before.get('/kpi/registration-lag') as { total: object }).total).toEqual({ steps: 5, lateSteps: 5, percentLate: 100 });
    await first.close();

    // Restarted without a runner: what the read models hold is what the checkpoint says, nothing is lost.
    const reader = await restartApp(first, { PROJECTIONS_IN_PROCESS: 'false' });
    w = new CaseWriter(reader);
    w.lastPosition = writtenBefore;
    for (const path of QUERIES) {
      const res = await w.get(path, 'auditor');
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 200, body: before.get(path) });
    }
    expect(((before.get('/cases') as { position: string }).position)).toBe(String(writtenBefore));
    // A write while nobody projects: the read models stay at the checkpoint and say they are behind.
    const c = await w.impose({ childRef: 'child-rs-c', familyRef: 'fam-rs-c', institution: 'WSS', pronouncedOn: '2021-08-02', giNotifiedOn: '2021-08-03' });
    await w.assign(c, 'prot-rs-c', '2021-08-05');
    await outlastStatusCache();
    const behind = await w.get('/kpi/registration-lag', 'auditor', { wait: false });
    expect(behind.body).toMatchObject({ position: String(writtenBefore), lag: { eventsBehind: 2, caughtUp: false } });
    expect(behind.body.total).toEqual({ steps: 5, lateSteps: 5, percentLate: 100 });
    await reader.close();

    // Restarted with the runner: it resumes at the checkpoint and applies the two new events, once each.
    const resumed = await restartApp(first);
    const lastPosition = w.lastPosition;
    w = new CaseWriter(resumed);
    w.lastPosition = lastPosition;
    const lag = await w.get('/kpi/registration-lag', 'auditor');
    expect(lag.status).toBe(200);
    // WSS: measure 08-02 (30 days, late) and assignment 08-05 (27 days, late).
    expect(lag.body.total).toEqual({ steps: 7, lateSteps: 7, percentLate: 100 });
    expect(lag.body.institutions.map((i: { institution: string; steps: number }) => [i.institution, i.steps])).toEqual([
      ['JBRR', 3],
      ['LJR', 2],
      ['WSS', 2],
    ]);
    const inflow = await w.get('/kpi/inflow?from=2021-01-01&to=2021-12-31&interval=quarter', 'auditor');
    expect(inflow.body.intervals.map((i: { started: { all: number } }) => i.started.all)).toEqual([1, 1, 1, 0]);
    const health = await resumed.http.get('/health');
    expect(health.body.info.readModels).toMatchObject({ status: 'up', runner: 'running', eventsBehind: 0, caughtUp: true });
    await resumed.close();
  });
});
