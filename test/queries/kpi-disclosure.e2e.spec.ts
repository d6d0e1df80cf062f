import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter, norm } from './support/case-writer';

/**
 * Statistical disclosure control with K = 3 (DISCLOSURE_MIN_COUNT): for analysts every count 1..2 is null with
 * "suppressed": true, 0 and >= 3 are exact, and a percentage over fewer than 3 judged cases is null; where only one
 * group's count is withheld, the next smallest group's is withheld too (secondary suppression). Auditors
 * and admins get exact figures. Analysts never get a case id, event or entry id, or a ref, in any KPI answer.
 *
 * Six cases pronounced in February 2021, judged today (2021-09-01):
 *   JBRR x3 protector met (assigned on time), no plan, no help;  LJR x1 protector met;  WSS x2 no protector.
 */
describeApiOnReadModelDialects('KPI disclosure control', (startApp) => {
  let t: DialectTestApp;
  let w: CaseWriter;
  const RANGE = 'from=2021-02-01&to=2021-02-28';

  beforeAll(async () => {
    t = await startApp({ DISCLOSURE_MIN_COUNT: '3' });
    w = new CaseWriter(t);
    // Notified Tue 2021-02-02: protector deadline Tue 2021-02-09.
    const measure = (i: number, institution: string) => ({
      childRef: `child-dc-${i}`,
      familyRef: `fam-dc-${i}`,
      institution,
      pronouncedOn: '2021-02-01',
      giNotifiedOn: '2021-02-02',
    });
    for (const i of [1, 2, 3]) {
      const caseId = await w.impose(measure(i, 'JBRR'));
      await w.assign(caseId, `prot-dc-${i}`, '2021-02-04');
      if (i === 1) {
        // On a help waiting list: reasons and providers are group keys, ids never appear.
        await w.waitlist(caseId, { waitingFor: 'HELP', since: '2021-03-01', helpType: 'E_AMBULANT', provider: 'prov-dc', reason: 'CAPACITY' });
      }
    }
    const ljr = await w.impose(measure(4, 'LJR'));
    await w.assign(ljr, 'prot-dc-4', '2021-02-05');
    await w.impose(measure(5, 'WSS'));
    await w.impose(measure(6, 'WSS'));
  });

  const get = async (path: string, role: 'analyst' | 'auditor' | 'admin') => {
    const res = await w.get(path, role);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('gives analysts 0 and counts >= K exactly, withholds 1..K-1 and percentages over fewer than K cases', async () => {
    const body = await get(`/kpi/timeliness?${RANGE}&groupBy=institution`, 'analyst');
    expect(body.total).toEqual({
      // met 4, notMet 2 (WSS): the 2 is withheld, and so is the percentage, which would give it back
      // (4 met at 66.7 % means 2 not met).
      protector: { ...norm({ met: 4, notMet: null }, null, null), suppressed: true },
      // met 4, pending 2.
      fixedProtector: { ...norm({ met: 4, pending: null }, 100, 100), suppressed: true },
      plan: norm({ notMet: 6 }, 0, 0),
      help: norm({ notMet: 6 }, 0, 0),
    });
    expect(body.groups).toEqual([
      // Three cases: no small count, but LJR's met is the only one withheld across the groups, so JBRR's 3
      // would give it back (total 4 - 3 - WSS's 0): the smallest other met is withheld too (secondary
      // suppression), with the percentages that rest on it. Not met is withheld in two groups (LJR, WSS) for plan
      // and help: their sum (3) is all the total gives away.
      {
        key: 'JBRR',
        protector: { ...norm({ met: null }, null, null), suppressed: true },
        fixedProtector: { ...norm({ met: null }, null, null), suppressed: true },
        plan: norm({ notMet: 3 }, 0, 0),
        help: norm({ notMet: 3 }, 0, 0),
      },
      // One case: its 1 and every percentage over it are withheld, the zeros stay.
      {
        key: 'LJR',
        protector: { ...norm({ met: null }, null, null), suppressed: true },
        fixedProtector: { ...norm({ met: null }, null, null), suppressed: true },
        plan: { ...norm({ notMet: null }, null, null), suppressed: true },
        help: { ...norm({ notMet: null }, null, null), suppressed: true },
      },
      // Two cases.
      {
        key: 'WSS',
        protector: { ...norm({ notMet: null }, null, null), suppressed: true },
        // Nothing judged yet (two pending): the percentages are null anyway, the 2 is withheld.
        fixedProtector: { ...norm({ pending: null }, null, null), suppressed: true },
        plan: { ...norm({ notMet: null }, null, null), suppressed: true },
        help: { ...norm({ notMet: null }, null, null), suppressed: true },
      },
    ]);
  });

  it('gives auditors and admins the exact figures', async () => {
    for (const role of ['auditor', 'admin'] as const) {
      const body = await get(`/kpi/timeliness?${RANGE}&groupBy=institution`, role);
      expect(body.total.protector).toEqual(norm({ met: 4, notMet: 2 }, (100 * 4) / 6, (100 * 4) / 6));
      expect(body.groups.map((g: { key: string; protector: object }) => [g.key, g.protector])).toEqual([
        ['JBRR', norm({ met: 3 }, 100, 100)],
        ['LJR', norm({ met: 1 }, 100, 100)],
        ['WSS', norm({ notMet: 2 }, 0, 0)],
      ]);
      expect(JSON.stringify(body)).not.toContain('suppressed');
    }
  });

  it('withholds small counts and the day statistics of fewer than K children in the other KPIs too', async () => {
    // Waiting today: all six have no help (6, exact); 1 is on a help list (withheld, with its day figures);
    // 2 (WSS) wait for a protector (withheld).
    const waiting = await get('/kpi/waiting', 'analyst');
    expect(waiting.waitingForHelp).toEqual({
      children: 6,
      onHelpWaitingList: null,
      suppressed: true,
      daysSincePronouncement: { count: 6, median: 212, p90: 212, max: 212 },
      daysOnWaitingList: { count: null, median: null, p90: null, max: null, suppressed: true },
    });
    expect(waiting.waitingForProtector).toEqual({
      children: null,
      suppressed: true,
      daysSinceNotification: { count: null, median: null, p90: null, max: null, suppressed: true },
    });
    const audited = await get('/kpi/waiting', 'auditor');
    expect(audited.waitingForHelp.onHelpWaitingList).toBe(1);
    expect(audited.waitingForProtector.daysSinceNotification).toEqual({ count: 2, median: 211, p90: 211, max: 211 });

    // Four protectors with one family each: 4 is shown, the distribution line of 4 protectors too.
    const caseload = await get('/kpi/caseload', 'analyst');
    expect(caseload).toMatchObject({ protectors: 4, protectorsAboveNorm: 0, activeCasesWithoutProtector: null, suppressed: true });
    expect(caseload.familiesPerProtector).toEqual({ median: 1, p90: 1, max: 1 });
    expect(caseload.distribution).toEqual([{ families: 1, protectors: 4 }]);

    // February: 6 started; 6 active at its end.
    const inflow = await get('/kpi/inflow?from=2021-02-01&to=2021-02-28&groupBy=measureType', 'analyst');
    expect(inflow.intervals).toEqual([{ key: '2021-02', start: '2021-02-01', end: '2021-02-28', started: { OTS: 6 }, activeAtEnd: { OTS: 6 } }]);
    const jan = await get('/kpi/inflow?from=2021-01-01&to=2021-01-31', 'analyst');
    expect(jan.intervals[0]).toMatchObject({ started: { all: 0 }, activeAtEnd: { all: 0 } });

    // Registration lag (everything recorded 2021-09-01, all steps dated February or March: all late).
    // JBRR: 3 measures, 3 assignments, 1 waiting list; LJR: 2 steps and WSS: 2 steps, fewer than K: withheld,
    // their percentage too.
    const lag = await get('/kpi/registration-lag', 'analyst');
    expect(lag.total).toEqual({ steps: 11, lateSteps: 11, percentLate: 100 });
    expect(lag.institutions[0]).toEqual({ institution: 'JBRR', steps: 7, lateSteps: 7, percentLate: 100 });
    const ljr = lag.institutions.find((i: { institution: string }) => i.institution === 'LJR');
    expect(ljr).toEqual({ institution: 'LJR', steps: null, lateSteps: null, percentLate: null, suppressed: true });
    const wss = lag.institutions.find((i: { institution: string }) => i.institution === 'WSS');
    expect(wss).toEqual({ institution: 'WSS', steps: null, lateSteps: null, percentLate: null, suppressed: true });
  });

  it('never shows an analyst a case id, an event or entry id, or a ref, in any KPI answer (JSON or CSV)', async () => {
    const paths = [
      `/kpi/timeliness?${RANGE}`,
      ...['institution', 'municipality', 'measureType', 'month', 'quarter'].map((g) => `/kpi/timeliness?${RANGE}&groupBy=${g}`),
      '/kpi/waiting',
      ...['helpType', 'provider', 'reason', 'municipality', 'institution'].map((g) => `/kpi/waiting?groupBy=${g}`),
      '/kpi/waiting/series?from=2021-01-01&to=2021-09-01&interval=month',
      '/kpi/caseload',
      '/kpi/inflow?from=2021-01-01&to=2021-09-01&interval=month&groupBy=measureType',
      '/kpi/registration-lag',
    ];
    const secrets = [...w.caseIds, ...w.eventIds, ...w.entryIds, ...w.refs];
    expect(secrets.length).toBeGreaterThan(20);
    for (const path of paths) {
      for (const accept of ['application/json', 'text/csv']) {
        const res = await w.get(path, 'analyst', { accept });
        expect({ path, accept, status: res.status }).toEqual({ path, accept, status: 200 });
        const text = res.text.toLowerCase();
        const leaked = secrets.filter((secret) => text.includes(secret.toLowerCase()));
        expect({ path, accept, leaked }).toEqual({ path, accept, leaked: [] });
      }
    }
  });
});
