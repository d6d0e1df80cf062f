import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter, PROBLEM_JSON } from './support/case-writer';

/**
 * GET /kpi/inflow: measures started (pronounced) per interval, and the stock active at the interval's end.
 *   I6 OTS                2020-11-15
 *   I1 OTS                2021-01-10
 *   I2 OTS                2021-02-10
 *   I3 VOOGDIJ            2021-02-20
 *   I4 JEUGDRECLASSERING  2021-04-05
 *   I5 OTS                2021-05-15, ended 2021-06-10
 *   I7 VOORLOPIGE_OTS     2021-07-01, ended 2021-08-15
 */
describeApiOnReadModelDialects('GET /kpi/inflow', (startApp) => {
  let t: DialectTestApp;
  let w: CaseWriter;

  beforeAll(async () => {
    t = await startApp();
    w = new CaseWriter(t);
    const measure = async (n: number, measureType: string, pronouncedOn: string, endedOn?: string) => {
      const caseId = await w.impose({ childRef: `child-i${n}`, familyRef: `fam-i${n}`, measureType, pronouncedOn, giNotifiedOn: pronouncedOn });
      if (endedOn) await w.end(caseId, endedOn, measureType === 'VOORLOPIGE_OTS' ? 'OTS_NOT_EXTENDED' : 'OTS_LIFTED_EARLY');
    };
    await measure(6, 'OTS', '2020-11-15');
    await measure(1, 'OTS', '2021-01-10');
    await measure(2, 'OTS', '2021-02-10');
    await measure(3, 'VOOGDIJ', '2021-02-20');
    await measure(4, 'JEUGDRECLASSERING', '2021-04-05');
    await measure(5, 'OTS', '2021-05-15', '2021-06-10');
    await measure(7, 'VOORLOPIGE_OTS', '2021-07-01', '2021-08-15');
  });

  const inflow = async (query: string) => {
    const res = await w.get(`/kpi/inflow?${query}`, 'auditor');
    expect(res.status).toBe(200);
    return res.body;
  };
  const all = (key: string, start: string, end: string, started: number, activeAtEnd: number) => ({
    key,
    start,
    end,
    started: { all: started },
    activeAtEnd: { all: activeAtEnd },
  });

  it('counts per month by default', async () => {
    const body = await inflow('from=2021-01-01&to=2021-03-31');
    expect(body).toMatchObject({ from: '2021-01-01', to: '2021-03-31', interval: 'month', groupBy: null, position: String(w.lastPosition) });
    expect(body.intervals).toEqual([
      all('2021-01', '2021-01-01', '2021-01-31', 1, 2), // I1; stock I6 I1
      all('2021-02', '2021-02-01', '2021-02-28', 2, 4), // I2 I3
      all('2021-03', '2021-03-01', '2021-03-31', 0, 4),
    ]);
  });

  it('counts per quarter, and an ended measure leaves the stock from its end', async () => {
    const body = await inflow('from=2021-01-01&to=2021-09-01&interval=quarter');
    expect(body.intervals).toEqual([
      all('2021-Q1', '2021-01-01', '2021-03-31', 3, 4), // I1 I2 I3; stock + I6
      all('2021-Q2', '2021-04-01', '2021-06-30', 2, 5), // I4 I5; I5 ended 06-10
      all('2021-Q3', '2021-07-01', '2021-09-01', 1, 5), // I7, ended 08-15; clipped to `to`
    ]);
  });

  it('clips the first and last interval to [from, to]', async () => {
    const body = await inflow('from=2021-02-10&to=2021-05-20&interval=quarter');
    expect(body.intervals).toEqual([
      all('2021-Q1', '2021-02-10', '2021-03-31', 2, 4), // I2 (on `from`) I3
      all('2021-Q2', '2021-04-01', '2021-05-20', 2, 6), // I4 I5; I5 still runs on 05-20
    ]);
  });

  it('counts per half year', async () => {
    const body = await inflow('from=2020-07-01&to=2021-09-01&interval=halfyear');
    expect(body.intervals).toEqual([
      all('2020-H2', '2020-07-01', '2020-12-31', 1, 1),
      all('2021-H1', '2021-01-01', '2021-06-30', 5, 5),
      all('2021-H2', '2021-07-01', '2021-09-01', 1, 5),
    ]);
  });

  it('splits the counts per measure type', async () => {
    const body = await inflow('from=2021-01-01&to=2021-09-01&interval=quarter&groupBy=measureType');
    expect(body.groupBy).toBe('measureType');
    expect(body.intervals).toEqual([
      { key: '2021-Q1', start: '2021-01-01', end: '2021-03-31', started: { OTS: 2, VOOGDIJ: 1 }, activeAtEnd: { OTS: 3, VOOGDIJ: 1 } },
      {
        key: '2021-Q2',
        start: '2021-04-01',
        end: '2021-06-30',
        started: { OTS: 1, JEUGDRECLASSERING: 1 },
        activeAtEnd: { OTS: 3, VOOGDIJ: 1, JEUGDRECLASSERING: 1 },
      },
      {
        key: '2021-Q3',
        start: '2021-07-01',
        end: '2021-09-01',
        started: { VOORLOPIGE_OTS: 1 },
        activeAtEnd: { OTS: 3, VOOGDIJ: 1, JEUGDRECLASSERING: 1 },
      },
    ]);
  });

  it('refuses bad parameters with 400 problem+json naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['from=2021-01-01&to=2021-09-01&interval=week', 'interval'],
      ['from=2021-01-01&to=2021-09-01&groupBy=institution', 'groupBy'],
      ['from=2021-01-01', 'to'],
      ['from=2021-1-1&to=2021-09-01', 'from'],
      ['from=2021-01-01&to=2021-09-01&page=2', 'page'],
    ];
    for (const [query, field] of cases) {
      const res = await w.get(`/kpi/inflow?${query}`, 'auditor', { wait: false });
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({ query, status: 400, type: expect.stringMatching(PROBLEM_JSON) });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await w.get('/kpi/inflow?from=2021-01-01&to=2021-09-01', 'protector', { institution: 'LJR' })).status).toBe(403);
  });
});
