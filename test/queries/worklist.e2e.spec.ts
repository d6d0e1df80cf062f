import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter, PROBLEM_JSON } from './support/case-writer';

/**
 * GET /cases: the worklist on 2021-09-01 - every protector / plan / help deadline that is pending or missed
 * (not explained), on active cases, soonest first.
 *   K1 JBRR prot-1  pronounced 08-02, notified Tue 08-03, assigned 08-05: plan 09-13 (12 days), help 11-02 (62)
 *   K2 JBRR prot-2  pronounced 07-01, notified Fri 07-02, assigned 07-05: plan 08-12 missed (-20), help 10-01 (30)
 *   K3 JBRR (none)  pronounced 08-23, notified Tue 08-24: protector 08-31 missed (-1), plan 10-04 (33), help 11-23 (83)
 *   K4 LJR  prot-9  pronounced 08-16, notified Tue 08-17, assigned 08-18: plan 09-27 (26), help 11-16 (76)
 *   K5 JBRR prot-1  everything met                                   -> nothing
 *   K6 JBRR prot-1  ended 2021-06-20                                 -> nothing
 *   K7 JBRR prot-2  pronounced 06-01, plan missed but explained: help 09-01 (today, 0)
 */
describeApiOnReadModelDialects('GET /cases (worklist)', (startApp) => {
  let t: DialectTestApp;
  let w: CaseWriter;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startApp();
    w = new CaseWriter(t);
    const m = (name: string, o: Record<string, unknown>) => ({ childRef: `child-${name}`, familyRef: `fam-${name}`, ...o });
    ids.K1 = await w.impose(m('k1', { pronouncedOn: '2021-08-02', giNotifiedOn: '2021-08-03' }));
    await w.assign(ids.K1, 'prot-1', '2021-08-05');
    ids.K2 = await w.impose(m('k2', { pronouncedOn: '2021-07-01', giNotifiedOn: '2021-07-02' }));
    await w.assign(ids.K2, 'prot-2', '2021-07-05');
    ids.K3 = await w.impose(m('k3', { pronouncedOn: '2021-08-23', giNotifiedOn: '2021-08-24' }));
    ids.K4 = await w.impose(m('k4', { institution: 'LJR', pronouncedOn: '2021-08-16', giNotifiedOn: '2021-08-17' }));
    await w.assign(ids.K4, 'prot-9', '2021-08-18');
    ids.K5 = await w.impose(m('k5', { pronouncedOn: '2021-05-03', giNotifiedOn: '2021-05-04' }));
    await w.assign(ids.K5, 'prot-1', '2021-05-06');
    await w.plan(ids.K5, '2021-05-20', ['CHILD']);
    await w.help(ids.K5, '2021-06-01');
    ids.K6 = await w.impose(m('k6', { pronouncedOn: '2021-06-01', giNotifiedOn: '2021-06-02' }));
    await w.assign(ids.K6, 'prot-1', '2021-06-03');
    await w.end(ids.K6, '2021-06-20');
    ids.K7 = await w.impose(m('k7', { pronouncedOn: '2021-06-01', giNotifiedOn: '2021-06-02' }));
    await w.assign(ids.K7, 'prot-2', '2021-06-03');
    await w.explain(ids.K7, 'PLAN', '2021-07-20');
  });

  type Item = { caseId: string; norm: string; state: string; deadline: string; daysUntilDeadline: number };
  const item = (name: string, protectorRef: string | null, norm: string, state: string, deadline: string, daysUntilDeadline: number, institution = 'JBRR') => ({
    caseId: ids[name],
    institution,
    protectorRef,
    childRef: `child-${name.toLowerCase()}`,
    norm,
    state,
    deadline,
    daysUntilDeadline,
  });
  const JBRR_LIST = () => [
    item('K2', 'prot-2', 'plan', 'notMet', '2021-08-12', -20),
    item('K3', null, 'protector', 'notMet', '2021-08-31', -1),
    item('K7', 'prot-2', 'help', 'pending', '2021-09-01', 0),
    item('K1', 'prot-1', 'plan', 'pending', '2021-09-13', 12),
    item('K2', 'prot-2', 'help', 'pending', '2021-10-01', 30),
    item('K3', null, 'plan', 'pending', '2021-10-04', 33),
    item('K1', 'prot-1', 'help', 'pending', '2021-11-02', 62),
    item('K3', null, 'help', 'pending', '2021-11-23', 83),
  ];
  const short = (items: Item[]) => items.map((i) => `${Object.keys(ids).find((k) => ids[k] === i.caseId)}:${i.norm}`);

  const list = async (query: string, role: 'protector' | 'auditor' | 'admin' = 'protector', institution: 'JBRR' | 'LJR' | 'WSS' = 'JBRR') => {
    const res = await w.get(`/cases${query}`, role, { institution: role === 'protector' ? institution : undefined });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('lists a protector the deadlines of their own institution, missed and coming, soonest first', async () => {
    const body = await list('');
    expect(body).toMatchObject({ asOf: '2021-09-01', position: String(w.lastPosition), page: 1, pageSize: 50, total: 8 });
    expect(body.items).toEqual(JBRR_LIST());
    // The same with institution=JBRR spelled out.
    expect((await list('?institution=JBRR')).items).toEqual(JBRR_LIST());
  });

  it('refuses a protector another institution, and gives an empty list where there is nothing to do', async () => {
    const res = await w.get('/cases?institution=LJR', 'protector', { institution: 'JBRR' });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body.type).toBe('https://rijnmond-cases.example/problems/forbidden');
    const wss = await list('', 'protector', 'WSS');
    expect(wss).toMatchObject({ total: 0, items: [] });
    expect((await list('', 'protector', 'LJR')).items).toEqual([
      item('K4', 'prot-9', 'plan', 'pending', '2021-09-27', 26, 'LJR'),
      item('K4', 'prot-9', 'help', 'pending', '2021-11-16', 76, 'LJR'),
    ]);
  });

  it('filters by protector, state and the days until a pending deadline', async () => {
    expect(short((await list('?protectorRef=prot-1')).items)).toEqual(['K1:plan', 'K1:help']);
    expect(short((await list('?protectorRef=prot-2')).items)).toEqual(['K2:plan', 'K7:help', 'K2:help']);
    expect((await list('?protectorRef=prot-unknown')).items).toEqual([]);
    expect(short((await list('?state=notMet')).items)).toEqual(['K2:plan', 'K3:protector']);
    expect(short((await list('?state=pending')).items)).toEqual(['K7:help', 'K1:plan', 'K2:help', 'K3:plan', 'K1:help', 'K3:help']);
    // Missed deadlines are always listed; pending ones up to and including today + N.
    expect(short((await list('?dueWithinDays=30')).items)).toEqual(['K2:plan', 'K3:protector', 'K7:help', 'K1:plan', 'K2:help']);
    expect(short((await list('?dueWithinDays=0&state=pending')).items)).toEqual(['K7:help']);
    expect(short((await list('?protectorRef=prot-2&state=pending&dueWithinDays=29')).items)).toEqual(['K7:help']);
  });

  it('pages through the list, with the total on every page', async () => {
    const pages = [];
    for (const page of [1, 2, 3, 4]) {
      const body = await list(`?page=${page}&pageSize=3`);
      expect(body).toMatchObject({ page, pageSize: 3, total: 8 });
      pages.push(body.items);
    }
    expect(pages.map((items) => items.length)).toEqual([3, 3, 2, 0]);
    expect(pages.flat()).toEqual(JBRR_LIST());
  });

  it('lets auditors and admins see every institution, or one; analysts and anonymous callers not at all', async () => {
    for (const role of ['auditor', 'admin'] as const) {
      const all = await list('', role);
      expect(all.total).toBe(10);
      expect(short(all.items)).toEqual(['K2:plan', 'K3:protector', 'K7:help', 'K1:plan', 'K4:plan', 'K2:help', 'K3:plan', 'K1:help', 'K4:help', 'K3:help']);
      expect(short((await list('?institution=LJR', role)).items)).toEqual(['K4:plan', 'K4:help']);
    }
    const analyst = await w.get('/cases', 'analyst');
    expect(analyst.status).toBe(403);
    expect(analyst.headers['content-type']).toMatch(PROBLEM_JSON);
    expect((await t.http.get('/cases')).status).toBe(401);
  });

  it('refuses bad parameters with 400 problem+json naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['?state=met', 'state'],
      ['?state=explained', 'state'],
      ['?institution=XYZ', 'institution'],
      ['?dueWithinDays=-1', 'dueWithinDays'],
      ['?dueWithinDays=soon', 'dueWithinDays'],
      ['?dueWithinDays=1.5', 'dueWithinDays'],
      ['?page=0', 'page'],
      ['?pageSize=0', 'pageSize'],
      ['?pageSize=501', 'pageSize'],
      ['?protectorRef=prot%201', 'protectorRef'],
      ['?sort=deadline', 'sort'],
      ['?minPosition=abc', 'minPosition'],
    ];
    for (const [query, field] of cases) {
      const res = await w.get(`/cases${query}`, 'protector', { institution: 'JBRR', wait: false });
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({ query, status: 400, type: expect.stringMatching(PROBLEM_JSON) });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
