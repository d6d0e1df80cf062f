import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter } from './support/case-writer';

/**
 * Accept: text/csv on every KPI endpoint: text/csv with a header line, and the same figures as the JSON answer.
 *   X JBRR GM0599 OTS     pronounced 2021-02-01, notified 02-02, assigned 02-05, help list since 05-01
 *   Y LJR  GM0606 VOOGDIJ pronounced 2021-03-01, notified 03-02, nothing else
 */
describeApiOnReadModelDialects('KPI answers as text/csv', (startApp) => {
  let t: DialectTestApp;
  let w: CaseWriter;

  beforeAll(async () => {
    t = await startApp();
    w = new CaseWriter(t);
    const x = await w.impose({ childRef: 'child-x', familyRef: 'fam-x', pronouncedOn: '2021-02-01', giNotifiedOn: '2021-02-02' });
    await w.assign(x, 'prot-x', '2021-02-05');
    await w.waitlist(x, { waitingFor: 'HELP', since: '2021-05-01', helpType: 'E_AMBULANT', provider: 'prov-1', reason: 'CAPACITY' });
    await w.impose({ childRef: 'child-y', familyRef: 'fam-y', institution: 'LJR', municipalityCode: 'GM0606', measureType: 'VOOGDIJ', pronouncedOn: '2021-03-01', giNotifiedOn: '2021-03-02' });
  });

  type Row = Record<string, unknown>;
  const csv = async (path: string, role: 'auditor' | 'analyst' = 'auditor') => {
    const res = await w.get(path, role, { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    return res.text;
  };
  const json = async (path: string) => {
    const res = await w.get(path, 'auditor', { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body;
  };
  /** The figures of a JSON row as the CSV writes them: nested objects as a.b columns, null as empty. */
  const flatten = (row: Row, prefix = ''): Record<string, string> =>
    Object.entries(row).reduce<Record<string, string>>((out, [key, value]) => {
      const name = prefix ? `${prefix}.${key}` : key;
      if (value !== null && typeof value === 'object') return { ...out, ...flatten(value as Row, name) };
      return { ...out, [name]: value === null || value === undefined ? '' : String(value) };
    }, {});
  /** Our CSV has no quoted fields (no commas in keys): split is enough. */
  const parse = (text: string): Record<string, string>[] => {
    const [header, ...lines] = text.trim().split('\n');
    const columns = header.split(',');
    return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
  };
  const lines = (text: string) => text.trim().split('\n');

  it('timeliness: one line per norm for the total and each group', async () => {
    const path = '/kpi/timeliness?from=2021-01-01&to=2021-06-30&groupBy=institution';
    const text = await csv(path);
    expect(lines(text)).toEqual([
      'key,norm,met,explained,notMet,pending,notApplicable,percentMet,percentMetOrExplained',
      '(total),protector,1,0,1,0,0,50,50',
      '(total),fixedProtector,1,0,0,1,0,100,100',
      '(total),plan,0,0,2,0,0,0,0',
      '(total),help,0,0,2,0,0,0,0',
      'JBRR,protector,1,0,0,0,0,100,100',
      'JBRR,fixedProtector,1,0,0,0,0,100,100',
      'JBRR,plan,0,0,1,0,0,0,0',
      'JBRR,help,0,0,1,0,0,0,0',
      'LJR,protector,0,0,1,0,0,0,0',
      'LJR,fixedProtector,0,0,0,1,0,,',
      'LJR,plan,0,0,1,0,0,0,0',
      'LJR,help,0,0,1,0,0,0,0',
    ]);
    const body = await json(path);
    const norms = ['protector', 'fixedProtector', 'plan', 'help'];
    const expected = [
      ...norms.map((norm) => flatten({ key: '(total)', norm, ...body.total[norm] })),
      ...body.groups.flatMap((g: Row) => norms.map((norm) => flatten({ key: g.key, norm, ...(g[norm] as Row) }))),
    ];
    expect(parse(text)).toEqual(expected);
  });

  it('waiting: a line for the total and each group, day statistics as columns', async () => {
    const path = '/kpi/waiting?groupBy=institution';
    const text = await csv(path);
    const days = (p: string) => ['count', 'median', 'p90', 'max'].map((s) => `${p}.${s}`);
    expect(lines(text)).toEqual([
      [
        'key',
        'waitingForHelp.children',
        'waitingForHelp.onHelpWaitingList',
        ...days('waitingForHelp.daysSincePronouncement'),
        ...days('waitingForHelp.daysOnWaitingList'),
        'waitingForProtector.children',
        ...days('waitingForProtector.daysSinceNotification'),
      ].join(','),
      // X: 212 days since pronouncement, 123 on the list; Y: 184 since pronouncement, 183 since notification.
      '(total),2,1,2,184,212,212,1,123,123,123,1,1,183,183,183',
      'JBRR,1,1,1,212,212,212,1,123,123,123,0,0,,,',
      'LJR,1,0,1,184,184,184,0,,,,1,1,183,183,183',
    ]);
    const body = await json(path);
    const row = (key: string, g: Row) => flatten({ key, waitingForHelp: g.waitingForHelp, waitingForProtector: g.waitingForProtector });
    expect(parse(text)).toEqual([row('(total)', body), ...body.groups.map((g: Row) => row(g.key as string, g))]);
  });

  it('waiting series: a line per date', async () => {
    const path = '/kpi/waiting/series?from=2021-02-01&to=2021-05-01&interval=month';
    const text = await csv(path);
    expect(lines(text)).toEqual([
      'date,activeMeasures,waitingForHelp,onHelpWaitingList,waitingForProtector',
      '2021-02-01,1,1,0,1',
      '2021-03-01,2,2,0,1',
      '2021-04-01,2,2,0,1',
      '2021-05-01,2,2,1,1',
    ]);
    expect(parse(text)).toEqual((await json(path)).points.map((p: Row) => flatten(p)));
  });

  it('caseload: the distribution of families per protector, with the headline figures on each line', async () => {
    const text = await csv('/kpi/caseload');
    expect(lines(text)).toEqual([
      'families,protectors,asOf,normFamilies,allProtectors,protectorsAboveNorm,activeCasesWithoutProtector',
      '1,1,2021-09-01,16,1,0,1',
    ]);
    const body = await json('/kpi/caseload');
    expect(parse(text)).toEqual(
      body.distribution.map((d: Row) =>
        flatten({ ...d, asOf: body.asOf, normFamilies: body.normFamilies, allProtectors: body.protectors, protectorsAboveNorm: body.protectorsAboveNorm, activeCasesWithoutProtector: body.activeCasesWithoutProtector }),
      ),
    );
  });

  it('inflow: a line per interval, per measure type when grouped', async () => {
    const path = '/kpi/inflow?from=2021-01-01&to=2021-06-30&interval=quarter';
    const text = await csv(path);
    expect(lines(text)).toEqual(['key,start,end,started.all,activeAtEnd.all', '2021-Q1,2021-01-01,2021-03-31,2,2', '2021-Q2,2021-04-01,2021-06-30,0,2']);
    expect(parse(text)).toEqual((await json(path)).intervals.map((i: Row) => flatten(i)));
    const grouped = await csv(`${path}&groupBy=measureType`);
    expect(lines(grouped)[0]).toBe('key,start,end,started.OTS,started.VOOGDIJ,activeAtEnd.OTS,activeAtEnd.VOOGDIJ');
    expect(lines(grouped)[1]).toBe('2021-Q1,2021-01-01,2021-03-31,1,1,1,1');
  });

  it('registration lag: a line for the total and each institution', async () => {
    const text = await csv('/kpi/registration-lag');
    // Every step is dated 2021-02-01 .. 2021-05-01 and recorded 2021-09-01: all late.
    expect(lines(text)).toEqual(['institution,steps,lateSteps,percentLate', '(total),4,4,100', 'JBRR,3,3,100', 'LJR,1,1,100']);
    const body = await json('/kpi/registration-lag');
    expect(parse(text)).toEqual([flatten({ institution: '(total)', ...body.total }), ...body.institutions.map((i: Row) => flatten(i))]);
  });

  it('withholds for analysts in CSV too: empty cells and a suppressed column', async () => {
    const text = await csv('/kpi/timeliness?from=2021-01-01&to=2021-06-30', 'analyst');
    expect(lines(text)).toEqual([
      'key,norm,met,explained,notMet,pending,notApplicable,percentMet,percentMetOrExplained,suppressed',
      '(total),protector,,0,,0,0,,,true',
      '(total),fixedProtector,,0,0,,0,,,true',
      '(total),plan,0,0,,0,0,,,true',
      '(total),help,0,0,,0,0,,,true',
    ]);
  });

  it('answers JSON without an Accept header, and CSV when text/csv is preferred', async () => {
    const plain = await w.get('/kpi/registration-lag', 'auditor');
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    const preferred = await w.get('/kpi/registration-lag', 'auditor', { accept: 'text/csv, application/json;q=0.5' });
    expect(preferred.headers['content-type']).toMatch(/^text\/csv/);
    expect(preferred.text.split('\n')[0]).toBe('institution,steps,lateSteps,percentLate');
  });
});
