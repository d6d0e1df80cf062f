import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter, PROBLEM_JSON } from './support/case-writer';

/** Edges of the query side: old cases, children with two measures, ranges that make no sense or are too long. */
describeApiOnReadModelDialects('KPI edges', (startApp) => {
  let t: DialectTestApp;
  let w: CaseWriter;

  beforeAll(async () => {
    t = await startApp();
    w = new CaseWriter(t);
    // A guardianship pronounced in 2012 (Queen's Day, not King's Day, then): its deadlines must compute.
    await w.impose({ childRef: 'child-old', familyRef: 'fam-old', measureType: 'VOOGDIJ', pronouncedOn: '2012-04-24', giNotifiedOn: '2012-04-25' });
    // One child with an OTS and youth probation at once, waiting for help under both.
    await w.impose({ childRef: 'child-twice', familyRef: 'fam-twice', pronouncedOn: '2021-06-01', giNotifiedOn: '2021-06-02' });
    await w.impose({ childRef: 'child-twice', familyRef: 'fam-twice', measureType: 'JEUGDRECLASSERING', pronouncedOn: '2021-07-01', giNotifiedOn: '2021-07-02' });
  });

  it('judges a case from before King’s Day existed (the projection keeps running)', async () => {
    const res = await w.get('/kpi/timeliness?from=2012-01-01&to=2012-12-31&asOf=2012-06-01', 'auditor');
    expect(res.status).toBe(200);
    // Notified Wed 2012-04-25; Queen's Day Mon 30 April skipped: deadline Thu 3 May, passed without a protector.
    expect(res.body.total.protector).toMatchObject({ notMet: 1 });
    const health = await t.http.get('/health').expect(200);
    expect(health.body.info.readModels.runner).toBe('running');
  });

  it('counts a child with two measures once among the children waiting', async () => {
    // On 2021-08-01 three measures run (the 2012 guardianship never ended) for two children, neither with help
    // or a protector: two children wait, not three.
    const res = await w.get('/kpi/waiting?asOf=2021-08-01', 'auditor');
    expect(res.body.waitingForHelp.children).toBe(2);
    // child-twice has waited since its first measure (2021-06-01): 61 days; the 2012 child 3,386 days.
    expect(res.body.waitingForHelp.daysSincePronouncement).toMatchObject({ count: 2, median: 61, max: 3386 });
    expect(res.body.waitingForProtector.children).toBe(2);
    const series = await w.get('/kpi/waiting/series?from=2021-08-01&to=2021-08-01', 'auditor');
    expect(series.body.points).toEqual([{ date: '2021-08-01', activeMeasures: 3, waitingForHelp: 2, onHelpWaitingList: 0, waitingForProtector: 2 }]);
  });

  it('refuses a range that ends before it starts, or has too many points, with 400 naming the field', async () => {
    for (const [path, field] of [
      ['/kpi/timeliness?from=2021-06-01&to=2021-01-01', 'to'],
      ['/kpi/inflow?from=2021-06-01&to=2021-01-01', 'to'],
      ['/kpi/waiting/series?from=2000-01-01&to=2021-01-01&interval=week', 'from'],
      ['/kpi/registration-lag?from=2021-06-01&to=2021-01-01', 'to'],
    ]) {
      const res = await w.get(path, 'auditor', { wait: false });
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 400, type: expect.stringMatching(PROBLEM_JSON) });
      expect(res.body.errors[0].field).toBe(field);
    }
  });

  it('ends a series at the last representable date instead of failing', async () => {
    const res = await w.get('/kpi/waiting/series?from=9999-12-25&to=9999-12-31&interval=week', 'auditor');
    expect(res.status).toBe(200);
    expect(res.body.points.map((p: { date: string }) => p.date)).toEqual(['9999-12-25']);
  });

  it('accepts ?minPosition= on a case read too', async () => {
    const res = await w.get(`/cases/${w.caseIds[1]}`, 'auditor');
    expect(res.status).toBe(200);
  });
});
