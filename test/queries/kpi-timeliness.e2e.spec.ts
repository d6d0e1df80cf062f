import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter, PROBLEM_JSON, norm } from './support/case-writer';

/**
 * GET /kpi/timeliness on five hand-built cases pronounced in the first half of 2021 (plus one before it), judged
 * today (2021-09-01) and on 2021-06-20. Per case, as of 2021-09-01 (protector / fixed / plan / help):
 *   A JBRR GM0599 OTS     2021-02-01  met / met / met / met
 *   B JBRR GM0606 VOOGDIJ 2021-02-15  notMet (late) / notMet (2 unplanned changes) / explained / notMet
 *   C LJR  GM0599 OTS     2021-04-12  met (on the deadline day) / met / notMet (plan without family) / notMet (bridging only)
 *   D WSS  GM0489 JR      2021-06-14  notMet / pending / notMet / pending
 *   E LJR  GM0606 OTS     2021-05-03  met / met / notApplicable / notApplicable (ended 2021-05-20)
 *   F JBRR GM0599 OTS     2020-12-01  outside [from, to]
 */
describeApiOnReadModelDialects('GET /kpi/timeliness', (startApp) => {
  let t: DialectTestApp;
  let w: CaseWriter;
  const RANGE = 'from=2021-01-01&to=2021-06-30';

  beforeAll(async () => {
    t = await startApp();
    w = new CaseWriter(t);
    // A: notified Tue 2021-02-02, protector deadline Tue 2021-02-09; plan by 2021-03-15; help by 2021-05-01.
    const a = await w.impose({ childRef: 'child-a', familyRef: 'fam-a', pronouncedOn: '2021-02-01', giNotifiedOn: '2021-02-02' });
    await w.assign(a, 'prot-a', '2021-02-05');
    await w.plan(a, '2021-03-01', ['PARENTS']);
    await w.help(a, '2021-04-01');
    // B: protector deadline 2021-02-23, assigned 2021-03-01; then turnover and illness: the second unplanned change.
    const b = await w.impose({ childRef: 'child-b', familyRef: 'fam-b', municipalityCode: 'GM0606', measureType: 'VOOGDIJ', pronouncedOn: '2021-02-15', giNotifiedOn: '2021-02-16' });
    await w.assign(b, 'prot-b1', '2021-03-01');
    await w.assign(b, 'prot-b2', '2021-04-01', 'TURNOVER');
    await w.assign(b, 'prot-b3', '2021-05-01', 'ILLNESS');
    await w.explain(b, 'PLAN', '2021-04-01'); // plan deadline 2021-03-29 missed, explained
    // C: protector deadline Tue 2021-04-20 met on the day; plan without child or parents; bridging help only.
    const c = await w.impose({ childRef: 'child-c', familyRef: 'fam-c', institution: 'LJR', pronouncedOn: '2021-04-12', giNotifiedOn: '2021-04-13' });
    await w.assign(c, 'prot-c', '2021-04-20');
    await w.plan(c, '2021-05-10', ['LOCAL_TEAM']);
    await w.help(c, '2021-06-01', { bridging: true });
    // D: notified Tue 2021-06-15: protector deadline 2021-06-22, plan 2021-07-26, help 2021-09-14; nothing happened.
    await w.impose({ childRef: 'child-d', familyRef: 'fam-d', institution: 'WSS', municipalityCode: 'GM0489', measureType: 'JEUGDRECLASSERING', pronouncedOn: '2021-06-14', giNotifiedOn: '2021-06-15' });
    // E: notified Tue 2021-05-04, Liberation Day skipped: deadline Wed 2021-05-12; ended before the plan deadline.
    const e = await w.impose({ childRef: 'child-e', familyRef: 'fam-e', institution: 'LJR', municipalityCode: 'GM0606', pronouncedOn: '2021-05-03', giNotifiedOn: '2021-05-04' });
    await w.assign(e, 'prot-e', '2021-05-06');
    await w.end(e, '2021-05-20');
    // F: before the range.
    await w.impose({ childRef: 'child-f', familyRef: 'fam-f', pronouncedOn: '2020-12-01', giNotifiedOn: '2020-12-02' });
  });

  const timeliness = async (query: string, role: 'auditor' | 'admin' | 'analyst' = 'auditor') => {
    const res = await w.get(`/kpi/timeliness?${query}`, role);
    expect(res.status).toBe(200);
    return res.body;
  };

  // Per group, the figures of the cases in it (see the table above).
  const JBRR = {
    protector: norm({ met: 1, notMet: 1 }, 50, 50),
    fixedProtector: norm({ met: 1, notMet: 1 }, 50, 50),
    plan: norm({ met: 1, explained: 1 }, 50, 100),
    help: norm({ met: 1, notMet: 1 }, 50, 50),
  };
  const D_ONLY = {
    protector: norm({ notMet: 1 }, 0, 0),
    fixedProtector: norm({ pending: 1 }, null, null),
    plan: norm({ notMet: 1 }, 0, 0),
    help: norm({ pending: 1 }, null, null),
  };

  it('counts every norm state over the cases pronounced in [from, to], judged today, without groups by default', async () => {
    const body = await timeliness(RANGE);
    expect(body).toMatchObject({ from: '2021-01-01', to: '2021-06-30', asOf: '2021-09-01', groupBy: null, calendarPolicy: 'cao-jeugdzorg' });
    expect(body.position).toBe(String(w.lastPosition));
    expect(body.total).toEqual({
      protector: norm({ met: 3, notMet: 2 }, 60, 60),
      fixedProtector: norm({ met: 3, notMet: 1, pending: 1 }, 75, 75),
      plan: norm({ met: 1, explained: 1, notMet: 2, notApplicable: 1 }, 25, 50),
      help: norm({ met: 1, notMet: 2, pending: 1, notApplicable: 1 }, 100 / 3, 100 / 3),
    });
    expect(body.groups).toEqual([]);
  });

  it('includes the bounds of the range and leaves out cases pronounced outside it', async () => {
    const only = await timeliness('from=2021-02-15&to=2021-04-12'); // B and C exactly on the bounds
    expect(only.total.protector).toEqual(norm({ met: 1, notMet: 1 }, 50, 50));
    expect(only.total.plan).toEqual(norm({ explained: 1, notMet: 1 }, 0, 50));
    const withF = await timeliness('from=2020-12-01&to=2020-12-31');
    // F: nothing happened and every deadline has passed.
    expect(withF.total).toEqual({
      protector: norm({ notMet: 1 }, 0, 0),
      fixedProtector: norm({ pending: 1 }, null, null),
      plan: norm({ notMet: 1 }, 0, 0),
      help: norm({ notMet: 1 }, 0, 0),
    });
    expect((await timeliness('from=2019-01-01&to=2019-12-31')).total.protector).toEqual(norm({}, null, null));
  });

  it('groups by institution', async () => {
    const body = await timeliness(`${RANGE}&groupBy=institution`);
    expect(body.groupBy).toBe('institution');
    expect(body.groups).toEqual([
      { key: 'JBRR', ...JBRR },
      {
        key: 'LJR',
        protector: norm({ met: 2 }, 100, 100),
        fixedProtector: norm({ met: 2 }, 100, 100),
        plan: norm({ notMet: 1, notApplicable: 1 }, 0, 0),
        help: norm({ notMet: 1, notApplicable: 1 }, 0, 0),
      },
      { key: 'WSS', ...D_ONLY },
    ]);
    // The groups add up to the total.
    expect(body.total.protector).toEqual(norm({ met: 3, notMet: 2 }, 60, 60));
  });

  it('groups by municipality', async () => {
    const body = await timeliness(`${RANGE}&groupBy=municipality`);
    expect(body.groups).toEqual([
      { key: 'GM0489', ...D_ONLY },
      {
        key: 'GM0599',
        protector: norm({ met: 2 }, 100, 100),
        fixedProtector: norm({ met: 2 }, 100, 100),
        plan: norm({ met: 1, notMet: 1 }, 50, 50),
        help: norm({ met: 1, notMet: 1 }, 50, 50),
      },
      {
        key: 'GM0606',
        protector: norm({ met: 1, notMet: 1 }, 50, 50),
        fixedProtector: norm({ met: 1, notMet: 1 }, 50, 50),
        plan: norm({ explained: 1, notApplicable: 1 }, 0, 100),
        help: norm({ notMet: 1, notApplicable: 1 }, 0, 0),
      },
    ]);
  });

  it('groups by measure type', async () => {
    const body = await timeliness(`${RANGE}&groupBy=measureType`);
    expect(body.groups).toEqual([
      { key: 'JEUGDRECLASSERING', ...D_ONLY },
      {
        key: 'OTS',
        protector: norm({ met: 3 }, 100, 100),
        fixedProtector: norm({ met: 3 }, 100, 100),
        plan: norm({ met: 1, notMet: 1, notApplicable: 1 }, 50, 50),
        help: norm({ met: 1, notMet: 1, notApplicable: 1 }, 50, 50),
      },
      {
        key: 'VOOGDIJ',
        protector: norm({ notMet: 1 }, 0, 0),
        fixedProtector: norm({ notMet: 1 }, 0, 0),
        plan: norm({ explained: 1 }, 0, 100),
        help: norm({ notMet: 1 }, 0, 0),
      },
    ]);
  });

  const C_ONLY = {
    protector: norm({ met: 1 }, 100, 100),
    fixedProtector: norm({ met: 1 }, 100, 100),
    plan: norm({ notMet: 1 }, 0, 0),
    help: norm({ notMet: 1 }, 0, 0),
  };

  it('groups by month of pronouncement', async () => {
    const body = await timeliness(`${RANGE}&groupBy=month`);
    expect(body.groups).toEqual([
      { key: '2021-02', ...JBRR },
      { key: '2021-04', ...C_ONLY },
      {
        key: '2021-05',
        protector: norm({ met: 1 }, 100, 100),
        fixedProtector: norm({ met: 1 }, 100, 100),
        plan: norm({ notApplicable: 1 }, null, null),
        help: norm({ notApplicable: 1 }, null, null),
      },
      { key: '2021-06', ...D_ONLY },
    ]);
  });

  it('groups by quarter of pronouncement', async () => {
    const body = await timeliness(`${RANGE}&groupBy=quarter`);
    expect(body.groups).toEqual([
      { key: '2021-Q1', ...JBRR },
      {
        key: '2021-Q2',
        protector: norm({ met: 2, notMet: 1 }, (100 * 2) / 3, (100 * 2) / 3),
        fixedProtector: norm({ met: 2, pending: 1 }, 100, 100),
        plan: norm({ notMet: 2, notApplicable: 1 }, 0, 0),
        help: norm({ notMet: 1, pending: 1, notApplicable: 1 }, 0, 0),
      },
    ]);
  });

  it('judges as of asOf: deadlines still to come are pending, and become notMet once passed', async () => {
    const early = await timeliness(`${RANGE}&asOf=2021-06-20&groupBy=institution`);
    expect(early.asOf).toBe('2021-06-20');
    expect(early.total).toEqual({
      protector: norm({ met: 3, notMet: 1, pending: 1 }, 75, 75),
      fixedProtector: norm({ met: 3, notMet: 1, pending: 1 }, 75, 75),
      plan: norm({ met: 1, explained: 1, notMet: 1, pending: 1, notApplicable: 1 }, 100 / 3, (100 * 2) / 3),
      help: norm({ met: 1, notMet: 1, pending: 2, notApplicable: 1 }, 50, 50),
    });
    // D (WSS) on 2021-06-20: every deadline still to come.
    const wssEarly = early.groups.find((g: { key: string }) => g.key === 'WSS');
    expect(wssEarly).toEqual({
      key: 'WSS',
      protector: norm({ pending: 1 }, null, null),
      fixedProtector: norm({ pending: 1 }, null, null),
      plan: norm({ pending: 1 }, null, null),
      help: norm({ pending: 1 }, null, null),
    });
    // C (LJR): help pending until 2021-07-12, notMet the day after.
    const onDeadline = await timeliness('from=2021-04-12&to=2021-04-12&asOf=2021-07-12');
    expect(onDeadline.total.help).toEqual(norm({ pending: 1 }, null, null));
    const dayAfter = await timeliness('from=2021-04-12&to=2021-04-12&asOf=2021-07-13');
    expect(dayAfter.total.help).toEqual(norm({ notMet: 1 }, 0, 0));
  });

  it('refuses bad parameters with 400 problem+json naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['from=2021-02-30&to=2021-06-30', 'from'],
      ['from=2021-01-01&to=30-06-2021', 'to'],
      ['from=2021-01-01&to=2021-06-30&asOf=yesterday', 'asOf'],
      ['to=2021-06-30', 'from'],
      ['from=2021-01-01&to=2021-06-30&groupBy=provider', 'groupBy'],
      ['from=2021-01-01&to=2021-06-30&groupby=institution', 'groupby'],
      ['from=2021-01-01&to=2021-06-30&minPosition=-1', 'minPosition'],
    ];
    for (const [query, field] of cases) {
      const res = await w.get(`/kpi/timeliness?${query}`, 'auditor', { wait: false });
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({ query, status: 400, type: expect.stringMatching(PROBLEM_JSON) });
      expect(res.body.type).toBe('https://rijnmond-cases.example/problems/validation-error');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('lets analysts, auditors and admins read; protectors get 403 and anonymous callers 401', async () => {
    for (const role of ['analyst', 'auditor', 'admin'] as const) {
      expect((await w.get(`/kpi/timeliness?${RANGE}`, role)).status).toBe(200);
    }
    const protector = await w.get(`/kpi/timeliness?${RANGE}`, 'protector', { institution: 'JBRR' });
    expect(protector.status).toBe(403);
    expect(protector.headers['content-type']).toMatch(PROBLEM_JSON);
    const anonymous = await t.http.get(`/kpi/timeliness?${RANGE}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(PROBLEM_JSON);
  });
});
