import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter, PROBLEM_JSON } from './support/case-writer';

/**
 * GET /kpi/registration-lag: the share of steps recorded more than 21 days after they happened. The test clock
 * records everything on 2021-09-01, so a step dated 2021-08-11 (21 days) is in time and 2021-08-10 (22) is late.
 *   JBRR  R1: measure 08-01 (31 days, late), assignment 08-20 (12), plan 08-11 (21, in time), help 08-10 (22, late)
 *   LJR   R2: measure 08-25 (7), assignment 08-26 (6)
 *   WSS   R3: measure 06-01 corrected to 08-16 (16, in time), assignment 06-07 retracted (not counted),
 *             help 07-01 (62, late)
 */
describeApiOnReadModelDialects('GET /kpi/registration-lag', (startApp) => {
  let t: DialectTestApp;
  let w: CaseWriter;

  beforeAll(async () => {
    t = await startApp();
    w = new CaseWriter(t);
    const r1 = await w.impose({ childRef: 'child-r1', familyRef: 'fam-r1', pronouncedOn: '2021-08-01', giNotifiedOn: '2021-08-02' });
    await w.assign(r1, 'prot-r1', '2021-08-20');
    await w.plan(r1, '2021-08-11');
    await w.help(r1, '2021-08-10');
    const r2 = await w.impose({ childRef: 'child-r2', familyRef: 'fam-r2', institution: 'LJR', pronouncedOn: '2021-08-25', giNotifiedOn: '2021-08-25' });
    await w.assign(r2, 'prot-r2', '2021-08-26');
    const r3Body = { childRef: 'child-r3', familyRef: 'fam-r3', institution: 'WSS', pronouncedOn: '2021-06-01', giNotifiedOn: '2021-06-02' };
    const r3 = await w.impose(r3Body);
    const measureEventId = w.eventIds[w.eventIds.length - 1];
    const assignment = await w.assign(r3, 'prot-r3', '2021-06-07');
    await w.post(`/cases/${r3}/retractions`, { retractsEventId: assignment.eventId, reason: 'wrong case' });
    await w.help(r3, '2021-07-01');
    const corrected = { ...((await t.streamOf(r3))[0].data as object), pronouncedOn: '2021-08-16', giNotifiedOn: '2021-08-17' };
    await w.post(`/cases/${r3}/corrections`, { correctsEventId: measureEventId, reason: 'typo in the date', data: corrected });
  });

  const lag = async (query = '') => {
    const res = await w.get(`/kpi/registration-lag${query}`, 'auditor');
    expect(res.status).toBe(200);
    return res.body;
  };

  it('gives steps, late steps and the late share per institution and in total', async () => {
    const body = await lag();
    expect(body).toMatchObject({ from: null, to: null, limitDays: 21, position: String(w.lastPosition) });
    expect(body.total).toEqual({ steps: 8, lateSteps: 3, percentLate: 37.5 });
    expect(body.institutions).toEqual([
      { institution: 'JBRR', steps: 4, lateSteps: 2, percentLate: 50 },
      { institution: 'LJR', steps: 2, lateSteps: 0, percentLate: 0 },
      { institution: 'WSS', steps: 2, lateSteps: 1, percentLate: 50 },
    ]);
  });

  it('counts only the steps that happened in [from, to] (by their corrected date)', async () => {
    const body = await lag('?from=2021-08-01&to=2021-08-31');
    expect(body).toMatchObject({ from: '2021-08-01', to: '2021-08-31' });
    // R3's help of 07-01 is out; its measure, corrected to 08-16, is in.
    expect(body.total).toEqual({ steps: 7, lateSteps: 2, percentLate: (100 * 2) / 7 });
    expect(body.institutions).toEqual([
      { institution: 'JBRR', steps: 4, lateSteps: 2, percentLate: 50 },
      { institution: 'LJR', steps: 2, lateSteps: 0, percentLate: 0 },
      { institution: 'WSS', steps: 1, lateSteps: 0, percentLate: 0 },
    ]);
    const none = await lag('?from=2020-01-01&to=2020-12-31');
    expect(none.total).toEqual({ steps: 0, lateSteps: 0, percentLate: null });
    expect(none.institutions).toEqual([]);
  });

  it('refuses bad parameters with 400 problem+json naming the field, and protectors', async () => {
    for (const [query, field] of [
      ['?from=2021-08-32', 'from'],
      ['?to=tomorrow', 'to'],
      ['?limitDays=30', 'limitDays'],
    ]) {
      const res = await w.get(`/kpi/registration-lag${query}`, 'auditor', { wait: false });
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({ query, status: 400, type: expect.stringMatching(PROBLEM_JSON) });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await w.get('/kpi/registration-lag', 'protector', { institution: 'WSS' })).status).toBe(403);
  });
});
