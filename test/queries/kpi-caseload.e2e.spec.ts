import { describeApiOnReadModelDialects, type DialectTestApp } from '../support/read-model-dialects';
import { CaseWriter, PROBLEM_JSON } from './support/case-writer';

/**
 * GET /kpi/caseload with CASELOAD_NORM_FAMILIES=2: distinct families per protector over active cases, today.
 *   prot-a: fam-1 (two children, two cases: one family), fam-2, fam-3         -> 3 families (above the norm)
 *   prot-b: fam-4, fam-5, and fam-8 handed over from prot-c on 2021-08-01    -> 3 (above)
 *   prot-c: fam-6 (fam-8 left)                                               -> 1
 *   prot-e: fam-10, fam-11                                                   -> 2 (at the norm, not above)
 *   prot-d: fam-7, whose measure ended on 2021-06-01                         -> not counted
 *   fam-9: an active case without a protector
 */
describeApiOnReadModelDialects('GET /kpi/caseload', (startApp) => {
  let t: DialectTestApp;
  let w: CaseWriter;

  beforeAll(async () => {
    t = await startApp({ CASELOAD_NORM_FAMILIES: '2' });
    w = new CaseWriter(t);
    let child = 0;
    const open = async (family: string, protectorRef?: string, assignedOn = '2021-02-03') => {
      child += 1;
      const caseId = await w.impose({ childRef: `child-cl-${child}`, familyRef: family, pronouncedOn: '2021-02-01', giNotifiedOn: '2021-02-02' });
      if (protectorRef) await w.assign(caseId, protectorRef, assignedOn);
      return caseId;
    };
    await open('fam-1', 'prot-a');
    await open('fam-1', 'prot-a');
    await open('fam-2', 'prot-a');
    await open('fam-3', 'prot-a');
    await open('fam-4', 'prot-b');
    await open('fam-5', 'prot-b');
    await open('fam-6', 'prot-c');
    const handedOver = await open('fam-8', 'prot-c');
    await w.assign(handedOver, 'prot-b', '2021-08-01', 'PLANNED_HANDOVER');
    await open('fam-10', 'prot-e');
    await open('fam-11', 'prot-e');
    const ended = await open('fam-7', 'prot-d');
    await w.end(ended, '2021-06-01');
    await open('fam-9');
  });

  it('counts distinct families per protector over active cases, and the protectors above the norm', async () => {
    const res = await w.get('/kpi/caseload', 'auditor');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2021-09-01', normFamilies: 2, position: String(w.lastPosition) });
    expect(res.body).toMatchObject({ protectors: 4, protectorsAboveNorm: 2, activeCasesWithoutProtector: 1 });
    // Families per protector: 1, 2, 3, 3 (nearest rank: median the 2nd, p90 the 4th).
    expect(res.body.familiesPerProtector).toEqual({ median: 2, p90: 3, max: 3 });
    expect(res.body.distribution).toEqual([
      { families: 1, protectors: 1 },
      { families: 2, protectors: 1 },
      { families: 3, protectors: 2 },
    ]);
    expect(res.body.suppressed).toBeUndefined();
  });

  it('counts the measures active on asOf', async () => {
    // On 2021-05-01 the fam-7 case (prot-d) still ran: a fifth protector with one family.
    const res = await w.get('/kpi/caseload?asOf=2021-05-01', 'auditor');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2021-05-01', protectors: 5, activeCasesWithoutProtector: 1 });
    // Before any measure: nobody.
    const before = await w.get('/kpi/caseload?asOf=2021-01-01', 'auditor');
    expect(before.body).toMatchObject({ protectors: 0, protectorsAboveNorm: 0, activeCasesWithoutProtector: 0, distribution: [] });
    expect(before.body.familiesPerProtector).toEqual({ median: null, p90: null, max: null });
  });

  // The protector of each case is the one who held it on asOf (from the status segments), not today's.
  it('on a past asOf, counts each family under the protector who held the case then', async () => {
    // On 2021-05-01 prot-c still held fam-8 (handed over to prot-b on 2021-08-01): prot-a 3, prot-b 2, prot-c 2,
    // prot-e 2, prot-d 1 families.
    const res = await w.get('/kpi/caseload?asOf=2021-05-01', 'auditor');
    expect(res.body).toMatchObject({ protectors: 5, protectorsAboveNorm: 1 });
    expect(res.body.distribution).toEqual([
      { families: 1, protectors: 1 },
      { families: 2, protectors: 3 },
      { families: 3, protectors: 1 },
    ]);
    // On 2021-02-02 no protector had been assigned yet (the assignments are dated 2021-02-03).
    const early = await w.get('/kpi/caseload?asOf=2021-02-02', 'auditor');
    // Twelve cases, all pronounced on 2021-02-01.
    expect(early.body).toMatchObject({ protectors: 0, activeCasesWithoutProtector: 12 });
  });

  it('refuses bad parameters and callers', async () => {
    for (const [path, field] of [
      ['/kpi/caseload?asOf=2021-02-29', 'asOf'],
      ['/kpi/caseload?norm=3', 'norm'],
    ]) {
      const res = await w.get(path, 'auditor', { wait: false });
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 400, type: expect.stringMatching(PROBLEM_JSON) });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await w.get('/kpi/caseload', 'protector', { institution: 'JBRR' })).status).toBe(403);
    expect((await w.get('/kpi/caseload', 'admin')).status).toBe(200);
    expect((await w.get('/kpi/caseload', 'analyst')).status).toBe(200);
  });
});
