import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter, PROBLEM_JSON } from './support/case-writer';

/**
 * GET /kpi/waiting and /kpi/waiting/series on eight hand-built cases (read as an auditor: exact counts).
 *   W1 JBRR GM0599 pronounced 03-01, assigned 03-05, help list since 05-01 (E_AMBULANT, prov-1, CAPACITY)
 *   W2 LJR  GM0606 pronounced 06-01, assigned 06-04, help list since 07-01 (A_PLEEGZORG, prov-2, BUDGET_CEILING)
 *   W3 JBRR GM0599 pronounced 08-02, notified 08-03, no protector (protector list since 08-03), no help
 *   W4 JBRR GM0599 pronounced 01-04, assigned 01-08, help started 03-01
 *   W5 WSS  GM0489 pronounced 02-01, assigned 02-04, help list 03-01..06-01 (CAPACITY), help started 06-01
 *   W6 LJR  GM0606 pronounced 01-15, assigned 01-20, ended 04-15, never any help
 *   W7 JBRR GM0622 pronounced 04-01, assigned 04-06, "help" 05-03 at prov-3 unmasked as an intake by a help
 *      list since 05-10 (E_AMBULANT, prov-3, AFTER_INTAKE)
 *   W8 WSS  GM0489 pronounced 07-01, notified 07-02, assigned 07-05, help 07-20, back on a protector list 08-16
 * Today (2021-09-01), waiting for help: W1, W2, W3, W7 (on a list: W1, W2, W7); for a protector: W3, W8.
 */
describeApiOnReadModelDialects('GET /kpi/waiting and /kpi/waiting/series', (startApp) => {
  let t: DialectTestApp;
  let w: CaseWriter;

  beforeAll(async () => {
    t = await startApp();
    w = new CaseWriter(t);
    const m = (i: number, o: Record<string, unknown>) => ({ childRef: `child-w${i}`, familyRef: `fam-w${i}`, ...o });
    const w1 = await w.impose(m(1, { pronouncedOn: '2021-03-01', giNotifiedOn: '2021-03-02' }));
    await w.assign(w1, 'prot-w1', '2021-03-05');
    await w.waitlist(w1, { waitingFor: 'HELP', since: '2021-05-01', helpType: 'E_AMBULANT', provider: 'prov-1', reason: 'CAPACITY' });
    const w2 = await w.impose(m(2, { institution: 'LJR', municipalityCode: 'GM0606', pronouncedOn: '2021-06-01', giNotifiedOn: '2021-06-02' }));
    await w.assign(w2, 'prot-w2', '2021-06-04');
    await w.waitlist(w2, { waitingFor: 'HELP', since: '2021-07-01', helpType: 'A_PLEEGZORG', provider: 'prov-2', reason: 'BUDGET_CEILING' });
    const w3 = await w.impose(m(3, { measureType: 'VOOGDIJ', pronouncedOn: '2021-08-02', giNotifiedOn: '2021-08-03' }));
    await w.waitlist(w3, { waitingFor: 'PROTECTOR', since: '2021-08-03', reason: 'CAPACITY' });
    const w4 = await w.impose(m(4, { pronouncedOn: '2021-01-04', giNotifiedOn: '2021-01-05' }));
    await w.assign(w4, 'prot-w4', '2021-01-08');
    await w.help(w4, '2021-03-01');
    const w5 = await w.impose(m(5, { institution: 'WSS', municipalityCode: 'GM0489', pronouncedOn: '2021-02-01', giNotifiedOn: '2021-02-02' }));
    await w.assign(w5, 'prot-w5', '2021-02-04');
    const entry5 = await w.waitlist(w5, { waitingFor: 'HELP', since: '2021-03-01', helpType: 'E_AMBULANT', provider: 'prov-1', reason: 'CAPACITY' });
    await w.help(w5, '2021-06-01');
    await w.leave(w5, entry5, '2021-06-01', 'HELP_STARTED');
    const w6 = await w.impose(m(6, { institution: 'LJR', municipalityCode: 'GM0606', pronouncedOn: '2021-01-15', giNotifiedOn: '2021-01-18' }));
    await w.assign(w6, 'prot-w6', '2021-01-20');
    await w.end(w6, '2021-04-15');
    const w7 = await w.impose(m(7, { municipalityCode: 'GM0622', pronouncedOn: '2021-04-01', giNotifiedOn: '2021-04-02' }));
    await w.assign(w7, 'prot-w7', '2021-04-06');
    await w.help(w7, '2021-05-03', { provider: 'prov-3' });
    await w.waitlist(w7, { waitingFor: 'HELP', since: '2021-05-10', helpType: 'E_AMBULANT', provider: 'prov-3', reason: 'AFTER_INTAKE' });
    const w8 = await w.impose(m(8, { institution: 'WSS', municipalityCode: 'GM0489', measureType: 'JEUGDRECLASSERING', pronouncedOn: '2021-07-01', giNotifiedOn: '2021-07-02' }));
    await w.assign(w8, 'prot-w8', '2021-07-05');
    await w.help(w8, '2021-07-20');
    await w.waitlist(w8, { waitingFor: 'PROTECTOR', since: '2021-08-16', reason: 'OTHER' });
  });

  const get = async (path: string) => {
    const res = await w.get(path, 'auditor');
    expect(res.status).toBe(200);
    return res.body;
  };

  const NO_DAYS = { count: 0, median: null, p90: null, max: null };

  it('counts the children waiting today for help (and on a help list) and for a protector, with day statistics', async () => {
    const body = await get('/kpi/waiting');
    expect(body).toMatchObject({ asOf: '2021-09-01', groupBy: null, position: String(w.lastPosition), groups: [] });
    expect(body.waitingForHelp).toEqual({
      children: 4,
      onHelpWaitingList: 3,
      // Since pronouncement: W3 30, W2 92, W7 153, W1 184 days (nearest rank: median 2nd, p90 4th).
      daysSincePronouncement: { count: 4, median: 92, p90: 184, max: 184 },
      // On the list: W2 62 (07-01), W7 114 (05-10), W1 123 (05-01).
      daysOnWaitingList: { count: 3, median: 114, p90: 123, max: 123 },
    });
    expect(body.waitingForProtector).toEqual({
      children: 2,
      // Since notification: W3 29 (08-03), W8 61 (07-02).
      daysSinceNotification: { count: 2, median: 29, p90: 61, max: 61 },
    });
  });

  it('counts as of an earlier date', async () => {
    const body = await get('/kpi/waiting?asOf=2021-04-02');
    // Active: W1, W4, W5, W6, W7. Waiting for help: W1, W5, W6, W7; on a list: W5 (03-01); protector: W7.
    expect(body.asOf).toBe('2021-04-02');
    expect(body.waitingForHelp).toEqual({
      children: 4,
      onHelpWaitingList: 1,
      // W7 1, W1 32, W5 60, W6 77.
      daysSincePronouncement: { count: 4, median: 32, p90: 77, max: 77 },
      daysOnWaitingList: { count: 1, median: 32, p90: 32, max: 32 },
    });
    // W7: notified 04-02, assigned 04-06.
    expect(body.waitingForProtector).toEqual({ children: 1, daysSinceNotification: { count: 1, median: 0, p90: 0, max: 0 } });
  });

  it('groups by help type, provider and reason of the help waiting list', async () => {
    const byType = await get('/kpi/waiting?groupBy=helpType');
    expect(byType.groupBy).toBe('helpType');
    expect(byType.groups).toEqual([
      {
        key: '(none)', // W3 (no list for help) and W8 (waits only for a protector)
        waitingForHelp: { children: 1, onHelpWaitingList: 0, daysSincePronouncement: { count: 1, median: 30, p90: 30, max: 30 }, daysOnWaitingList: NO_DAYS },
        waitingForProtector: { children: 2, daysSinceNotification: { count: 2, median: 29, p90: 61, max: 61 } },
      },
      {
        key: 'A_PLEEGZORG',
        waitingForHelp: {
          children: 1,
          onHelpWaitingList: 1,
          daysSincePronouncement: { count: 1, median: 92, p90: 92, max: 92 },
          daysOnWaitingList: { count: 1, median: 62, p90: 62, max: 62 },
        },
        waitingForProtector: { children: 0, daysSinceNotification: NO_DAYS },
      },
      {
        key: 'E_AMBULANT',
        waitingForHelp: {
          children: 2,
          onHelpWaitingList: 2,
          daysSincePronouncement: { count: 2, median: 153, p90: 184, max: 184 },
          daysOnWaitingList: { count: 2, median: 114, p90: 123, max: 123 },
        },
        waitingForProtector: { children: 0, daysSinceNotification: NO_DAYS },
      },
    ]);
    const summary = (body: { groups: Array<{ key: string; waitingForHelp: { children: number; onHelpWaitingList: number }; waitingForProtector: { children: number } }> }) =>
      body.groups.map((g) => [g.key, g.waitingForHelp.children, g.waitingForHelp.onHelpWaitingList, g.waitingForProtector.children]);
    expect(summary(await get('/kpi/waiting?groupBy=provider'))).toEqual([
      ['(none)', 1, 0, 2],
      ['prov-1', 1, 1, 0],
      ['prov-2', 1, 1, 0],
      ['prov-3', 1, 1, 0],
    ]);
    expect(summary(await get('/kpi/waiting?groupBy=reason'))).toEqual([
      ['(none)', 1, 0, 2],
      ['AFTER_INTAKE', 1, 1, 0],
      ['BUDGET_CEILING', 1, 1, 0],
      ['CAPACITY', 1, 1, 0],
    ]);
    expect(summary(await get('/kpi/waiting?groupBy=municipality'))).toEqual([
      ['GM0489', 0, 0, 1], // W8
      ['GM0599', 2, 1, 1], // W1, W3
      ['GM0606', 1, 1, 0], // W2
      ['GM0622', 1, 1, 0], // W7
    ]);
    expect(summary(await get('/kpi/waiting?groupBy=institution'))).toEqual([
      ['JBRR', 3, 2, 1], // W1, W3, W7
      ['LJR', 1, 1, 0], // W2
      ['WSS', 0, 0, 1], // W8
    ]);
  });

  const point = (date: string, activeMeasures: number, waitingForHelp: number, onHelpWaitingList: number, waitingForProtector: number) => ({
    date,
    activeMeasures,
    waitingForHelp,
    onHelpWaitingList,
    waitingForProtector,
  });

  it('gives the counts on the first of every month of a past period', async () => {
    const body = await get('/kpi/waiting/series?from=2021-01-01&to=2021-09-01&interval=month');
    expect(body).toMatchObject({ from: '2021-01-01', to: '2021-09-01', interval: 'month', position: String(w.lastPosition) });
    expect(body.points).toEqual([
      point('2021-01-01', 0, 0, 0, 0),
      point('2021-02-01', 3, 3, 0, 1), // W4 W5 W6; W5 unassigned until 02-04
      point('2021-03-01', 4, 3, 1, 1), // + W1 (unassigned until 03-05); W4's help starts 03-01; W5 listed
      point('2021-04-01', 5, 4, 1, 1), // + W7 (unassigned until 04-06)
      point('2021-05-01', 4, 3, 2, 0), // W6 ended 04-15; W1 listed 05-01
      point('2021-06-01', 5, 3, 2, 1), // + W2 (unassigned); W5's help starts 06-01; W7 listed 05-10
      point('2021-07-01', 6, 4, 3, 1), // + W8 (unassigned); W2 listed 07-01
      point('2021-08-01', 6, 3, 3, 0), // W8's help 07-20
      point('2021-09-01', 7, 4, 3, 2), // + W3; W8 back on a protector list
    ]);
  });

  it('gives weekly counts, judging each date by what had happened by then (an intake looks like help until the list)', async () => {
    const body = await get('/kpi/waiting/series?from=2021-05-03&to=2021-05-17&interval=week');
    expect(body.points).toEqual([
      point('2021-05-03', 4, 2, 2, 0), // W7's start on 05-03 counts as help for now
      point('2021-05-10', 4, 3, 3, 0), // the AFTER_INTAKE list of 05-10 unmasks it
      point('2021-05-17', 4, 3, 3, 0),
    ]);
    // interval defaults to month
    const monthly = await get('/kpi/waiting/series?from=2021-05-10&to=2021-07-09');
    expect(monthly.interval).toBe('month');
    expect(monthly.points.map((p: { date: string }) => p.date)).toEqual(['2021-05-10', '2021-06-10']);
  });

  it('refuses bad parameters with 400 problem+json naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/kpi/waiting?asOf=2021-13-01', 'asOf'],
      ['/kpi/waiting?groupBy=measureType', 'groupBy'],
      ['/kpi/waiting?since=2021-01-01', 'since'],
      ['/kpi/waiting/series?from=2021-01-01&to=2021-09-01&interval=day', 'interval'],
      ['/kpi/waiting/series?to=2021-09-01', 'from'],
      ['/kpi/waiting/series?from=2021-01-01&to=2021-9-1', 'to'],
    ];
    for (const [path, field] of cases) {
      const res = await w.get(path, 'auditor', { wait: false });
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 400, type: expect.stringMatching(PROBLEM_JSON) });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await w.get('/kpi/waiting', 'protector', { institution: 'JBRR' })).status).toBe(403);
    expect((await t.http.get('/kpi/waiting/series?from=2021-01-01&to=2021-02-01')).status).toBe(401);
  });
});
