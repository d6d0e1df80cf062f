import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { NORM_KEYS, NORM_STATES, type NormKey, type NormStateCounts } from '@app/domain';
import { POSTGRES_ADMIN_URL, admin, postgresUnreachableReason, redact } from '../read-models/support/read-model-databases';
import { type TestApp, startTestApp } from '../support/test-app';
import { AS_OF, type AsOf, CASES, type HandCheckedCase, WINDOW, type Written, inWindow } from './hand-checked-cases';

/**
 * The projections issue's KPI test: hand-checked case histories (hand-checked-cases.ts, every norm rule of the
 * engine), written through the real HTTP API, then
 * - per case, GET /cases/{caseId}?asOf= must give the hand-worked verdicts (and, on 2021-09-01, deadlines);
 * - GET /kpi/timeliness must give the hand-derived counts below, in total on two dates and per institution,
 * on both read-model dialects (SQLite, and PostgreSQL via READ_MODEL_DATABASE_URL).
 */

type Totals = Record<NormKey, NormStateCounts>;
/** [met, explained, notMet, pending, notApplicable] */
type Row = readonly [number, number, number, number, number];
const counts = ([met, explained, notMet, pending, notApplicable]: Row): NormStateCounts => ({ met, explained, notMet, pending, notApplicable });
const totals = (protector: Row, fixedProtector: Row, plan: Row, help: Row): Totals => ({
  protector: counts(protector),
  fixedProtector: counts(fixedProtector),
  plan: counts(plan),
  help: counts(help),
});

// Expected counts over the 36 cases pronounced in the window (C36 is outside it), from the per-case verdicts.
//                                                   met expl notMet pend n/a
const EXPECTED_TOTALS: Record<AsOf, Totals> = {
  '2021-06-30': totals(
    /* protector      */ [27, 1, 5, 0, 3],
    /* fixedProtector */ [32, 0, 0, 0, 4],
    /* plan           */ [23, 0, 7, 1, 5],
    /* help           */ [13, 2, 5, 10, 6],
  ),
  '2021-09-01': totals(
    /* protector      */ [28, 1, 5, 1, 1],
    /* fixedProtector */ [30, 0, 3, 1, 2],
    /* plan           */ [23, 1, 7, 2, 3],
    /* help           */ [14, 3, 11, 4, 4],
  ),
};

// Per institution, as of 2021-09-01.
const EXPECTED_BY_INSTITUTION: Record<string, Totals> = {
  JBRR: totals(
    /* protector      */ [8, 1, 2, 0, 0],
    /* fixedProtector */ [9, 0, 1, 0, 1],
    /* plan           */ [6, 1, 3, 0, 1],
    /* help           */ [4, 0, 5, 1, 1],
  ),
  LJR: totals(
    /* protector      */ [10, 0, 2, 1, 0],
    /* fixedProtector */ [11, 0, 1, 1, 0],
    /* plan           */ [10, 0, 1, 1, 1],
    /* help           */ [4, 2, 4, 2, 1],
  ),
  WSS: totals(
    /* protector      */ [10, 0, 1, 0, 1],
    /* fixedProtector */ [10, 0, 1, 0, 1],
    /* plan           */ [7, 0, 3, 1, 1],
    /* help           */ [6, 1, 2, 1, 2],
  ),
};

/** Sums the per-case hand verdicts; used to check that the literals above agree with the table. */
function sumVerdicts(cases: readonly HandCheckedCase[], asOf: AsOf): Totals {
  const sum = totals([0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]);
  for (const c of cases) NORM_KEYS.forEach((norm, i) => (sum[norm][c.verdicts[asOf][i]] += 1));
  return sum;
}

function groupVerdicts(asOf: AsOf, keyOf: (c: HandCheckedCase) => string): Record<string, Totals> {
  const keys = [...new Set(CASES.filter(inWindow).map(keyOf))].sort();
  return Object.fromEntries(keys.map((key) => [key, sumVerdicts(CASES.filter((c) => inWindow(c) && keyOf(c) === key), asOf)]));
}

/** The state counts of a KPI figure set (drops the percentages). */
const stateCounts = (figures: Record<NormKey, Record<string, unknown>>): Totals =>
  Object.fromEntries(
    NORM_KEYS.map((norm) => [norm, Object.fromEntries(NORM_STATES.map((state) => [state, figures[norm][state]]))]),
  ) as Totals;

describe('hand-checked expectations', () => {
  it('has at least 30 cases in the KPI window, each with a unique id', () => {
    expect(CASES.filter(inWindow).length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });

  it('writes out totals that are the sums of the per-case verdicts', () => {
    for (const asOf of AS_OF) expect(EXPECTED_TOTALS[asOf]).toEqual(sumVerdicts(CASES.filter(inWindow), asOf));
    expect(EXPECTED_BY_INSTITUTION).toEqual(groupVerdicts('2021-09-01', (c) => c.measure.institution));
  });

  it('dates no step after the fixed today, 2021-09-01 (end dates of a measure may lie ahead)', () => {
    const anyId = new Proxy({}, { get: () => ({ eventId: 'x', entryId: 'x' }) }) as Written;
    const dates: string[] = [];
    const collect = (value: unknown, key = ''): void => {
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && key !== 'endsOn' && key !== 'newEndsOn') dates.push(value);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
    };
    for (const c of CASES) {
      collect(c.measure);
      for (const step of c.steps) collect(typeof step.body === 'function' ? step.body(anyId, 'x') : step.body);
    }
    expect(dates.length).toBeGreaterThan(100);
    expect(dates.filter((d) => d > '2021-09-01')).toEqual([]);
  });
});

interface ReadModelTarget {
  env: Record<string, string>;
  cleanup: () => Promise<void>;
  /** Counts the case summaries in the target database directly (PostgreSQL only). */
  countCases?: () => Promise<number>;
}

function kpiSuite(dialect: 'sqlite' | 'postgres', targetFor: () => Promise<ReadModelTarget>) {
  let t: TestApp;
  let token: string;
  let target: ReadModelTarget | undefined;
  let lastPosition = 0n;
  const caseIds = new Map<string, string>();

  const post = async (path: string, body: object) => {
    const res = await t.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
    if (res.status !== 201) throw new Error(`POST ${path} ${JSON.stringify(body)} -> ${res.status} ${JSON.stringify(res.body)}`);
    const position = BigInt(res.body.position);
    if (position > lastPosition) lastPosition = position;
    return res.body as { caseId: string; eventId: string; entryId?: string };
  };
  const get = (path: string) => t.http.get(path).set('Authorization', `Bearer ${token}`).expect(200);

  beforeAll(async () => {
    target = await targetFor();
    t = await startTestApp(target.env);
    token = await t.token({ role: 'admin', sub: 'admin-kpi-1' });
    for (const c of CASES) {
      const ref = c.id.toLowerCase();
      const opened = await post('/cases', { childRef: `child-${ref}`, familyRef: `family-${ref}`, ...c.measure });
      const written: Written = { measure: { eventId: opened.eventId } };
      for (const step of c.steps) {
        const body = typeof step.body === 'function' ? step.body(written, opened.caseId) : step.body;
        const res = await post(`/cases/${opened.caseId}/${step.route}`, body);
        if (step.label) written[step.label] = { eventId: res.eventId, entryId: res.entryId };
      }
      caseIds.set(c.id, opened.caseId);
    }
  });
  afterAll(async () => {
    await t?.close();
    await target?.cleanup();
  });

  it(`[${dialect}] projects into the ${dialect} read models`, async () => {
    expect(t.config.readModels.databaseUrl).toBe(target!.env.READ_MODEL_DATABASE_URL);
    await get(`/kpi/timeliness?from=${WINDOW.from}&to=${WINDOW.to}&minPosition=${lastPosition}`);
    if (target!.countCases) expect(await target!.countCases()).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.id, c] as const))(`[${dialect}] %s: GET /cases gives the hand-worked verdicts`, async (_id, c) => {
    const caseId = caseIds.get(c.id)!;
    for (const asOf of AS_OF) {
      const { timeliness } = (await get(`/cases/${caseId}?asOf=${asOf}`)).body;
      const states = NORM_KEYS.map((norm) => timeliness[norm].state);
      expect({ case: c.id, asOf, states }).toEqual({ case: c.id, asOf, states: [...c.verdicts[asOf]] });
    }
    const { timeliness } = (await get(`/cases/${caseId}?asOf=2021-09-01`)).body;
    expect({ case: c.id, deadlines: [timeliness.protector.deadline, timeliness.plan.deadline, timeliness.help.deadline] }).toEqual({
      case: c.id,
      deadlines: [...c.deadlines],
    });
    expect(timeliness.calendarPolicy).toBe('cao-jeugdzorg');
  });

  const kpi = async (asOf: AsOf, groupBy?: string) =>
    (
      await get(
        `/kpi/timeliness?from=${WINDOW.from}&to=${WINDOW.to}&asOf=${asOf}&minPosition=${lastPosition}` +
          (groupBy ? `&groupBy=${groupBy}` : ''),
      )
    ).body;

  it.each(AS_OF.map((asOf) => [asOf]))(`[${dialect}] KPI totals as of %s are the hand-derived counts`, async (asOf) => {
    const body = await kpi(asOf);
    expect(body).toMatchObject({ from: WINDOW.from, to: WINDOW.to, asOf, calendarPolicy: 'cao-jeugdzorg' });
    expect(BigInt(body.position)).toBeGreaterThanOrEqual(lastPosition);
    expect(stateCounts(body.total)).toEqual(EXPECTED_TOTALS[asOf]);
    for (const norm of NORM_KEYS) {
      const { met, explained, notMet } = EXPECTED_TOTALS[asOf][norm];
      expect(body.total[norm].percentMet).toBeCloseTo((100 * met) / (met + explained + notMet), 9);
      expect(body.total[norm].percentMetOrExplained).toBeCloseTo((100 * (met + explained)) / (met + explained + notMet), 9);
    }
  });

  it(`[${dialect}] KPI per institution as of 2021-09-01 are the hand-derived counts`, async () => {
    const body = await kpi('2021-09-01', 'institution');
    expect(body.groupBy).toBe('institution');
    expect(Object.fromEntries(body.groups.map((g: { key: string }) => [g.key, stateCounts(g as never)]))).toEqual(EXPECTED_BY_INSTITUTION);
  });

  it(`[${dialect}] KPI per measure type and per municipality agree with the per-case table`, async () => {
    for (const [groupBy, keyOf] of [
      ['measureType', (c: HandCheckedCase) => c.measure.measureType],
      ['municipality', (c: HandCheckedCase) => c.measure.municipalityCode],
    ] as const) {
      for (const asOf of AS_OF) {
        const body = await kpi(asOf, groupBy);
        const got = Object.fromEntries(body.groups.map((g: { key: string }) => [g.key, stateCounts(g as never)]));
        expect({ groupBy, asOf, groups: got }).toEqual({ groupBy, asOf, groups: groupVerdicts(asOf, keyOf) });
      }
    }
  });
}

describe('KPI over hand-checked cases [sqlite]', () => {
  kpiSuite('sqlite', async () => ({ env: {}, cleanup: async () => {} }));
});

const unreachable = postgresUnreachableReason();
if (unreachable === undefined) {
  describe('KPI over hand-checked cases [postgres]', () => {
    kpiSuite('postgres', async () => {
      const name = `kpi_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      await admin(`create database ${name}`);
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      return {
        env: { READ_MODEL_DATABASE_URL: url.toString() },
        cleanup: () => admin(`drop database if exists ${name} with (force)`),
        countCases: async () => {
          const client = new Client({ connectionString: url.toString() });
          await client.connect();
          try {
            return Number((await client.query('select count(*) as n from case_summaries')).rows[0].n);
          } finally {
            await client.end();
          }
        },
      };
    });
  });
} else if (process.env.REQUIRE_POSTGRES === '1') {
  describe('KPI over hand-checked cases [postgres]', () => {
    it('needs PostgreSQL (REQUIRE_POSTGRES=1)', () => {
      throw new Error(`PostgreSQL at ${redact(POSTGRES_ADMIN_URL)} is required but unreachable: ${unreachable}`);
    });
  });
} else {
  console.log(`Skipping the PostgreSQL half of the KPI test: ${redact(POSTGRES_ADMIN_URL)} unreachable (${unreachable}).`);
  describe.skip('KPI over hand-checked cases [postgres]', () => {
    it('runs on PostgreSQL', () => undefined);
  });
}
