import type { Actor } from '../../../apps/api/src/auth/actor';
import { type TestApp, measureBody } from '../../support/test-app';

type Role = Actor['role'];
type Body = Record<string, unknown>;

/**
 * Writes hand-built case histories through the real command API (as an admin, who may record any institution's
 * steps) and remembers what a KPI must never reveal to an analyst (case, event and entry ids, refs) and the
 * highest log position written, so that reads can pass ?minPosition= and see every write.
 */
export class CaseWriter {
  lastPosition = 0n;
  readonly caseIds: string[] = [];
  readonly eventIds: string[] = [];
  readonly entryIds: string[] = [];
  readonly refs = new Set<string>();
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly t: TestApp) {}

  token(role: Role, institution?: Actor['institution'], sub = `${role}-${institution ?? 'all'}`): Promise<string> {
    const key = `${role}/${institution ?? ''}/${sub}`;
    if (!this.tokens.has(key)) this.tokens.set(key, this.t.token({ role, institution, sub }));
    return this.tokens.get(key)!;
  }

  async post(path: string, body: Body): Promise<Body> {
    const res = await this.t.http
      .post(path)
      .set('Authorization', `Bearer ${await this.token('admin')}`)
      .send(body);
    if (res.status !== 201) throw new Error(`POST ${path} ${JSON.stringify(body)} -> ${res.status} ${JSON.stringify(res.body)}`);
    const position = BigInt(res.body.position as string);
    if (position > this.lastPosition) this.lastPosition = position;
    this.eventIds.push(res.body.eventId as string);
    if (res.body.entryId) this.entryIds.push(res.body.entryId as string);
    return res.body as Body;
  }

  /** POST /cases with measureBody's defaults (JBRR, GM0599, OTS) overridden; returns the case id. */
  async impose(overrides: Body): Promise<string> {
    const body = measureBody(overrides);
    const res = await this.post('/cases', body);
    const caseId = res.caseId as string;
    this.caseIds.push(caseId);
    this.refs.add(body.childRef as string).add(body.familyRef as string);
    return caseId;
  }

  assign(caseId: string, protectorRef: string, assignedOn: string, reason = 'INITIAL') {
    this.refs.add(protectorRef);
    return this.post(`/cases/${caseId}/guardian-assignments`, { protectorRef, assignedOn, reason });
  }

  plan(caseId: string, agreedOn: string, participants: string[] = ['CHILD', 'PARENTS']) {
    return this.post(`/cases/${caseId}/plans`, { agreedOn, participants });
  }

  help(caseId: string, startedOn: string, extra: Body = {}) {
    return this.post(`/cases/${caseId}/help-starts`, { startedOn, helpType: 'E_AMBULANT', provider: 'prov-1', ...extra });
  }

  async waitlist(caseId: string, body: Body): Promise<string> {
    return (await this.post(`/cases/${caseId}/waitlist-entries`, body)).entryId as string;
  }

  leave(caseId: string, entryId: string, leftOn: string, outcome: string) {
    return this.post(`/cases/${caseId}/waitlist-exits`, { entryId, leftOn, outcome });
  }

  explain(caseId: string, norm: string, explainedOn: string) {
    return this.post(`/cases/${caseId}/explanations`, { norm, explainedOn, reason: 'capacity at the provider' });
  }

  end(caseId: string, endedOn: string, reason = 'OTS_LIFTED_EARLY') {
    return this.post(`/cases/${caseId}/end`, { endedOn, reason });
  }

  /** GET as a role, waiting (?minPosition=) until the read models include every write so far. */
  async get(path: string, role: Role, options: { institution?: Actor['institution']; accept?: string; wait?: boolean } = {}) {
    const separator = path.includes('?') ? '&' : '?';
    const url = options.wait === false ? path : `${path}${separator}minPosition=${this.lastPosition}`;
    const req = this.t.http.get(url).set('Authorization', `Bearer ${await this.token(role, options.institution)}`);
    return options.accept ? req.set('Accept', options.accept) : req;
  }
}

/** Counts of one norm (null: withheld): the states not named are 0; percentages written out by the test. */
export const norm = (
  counts: Partial<Record<'met' | 'explained' | 'notMet' | 'pending' | 'notApplicable', number | null>>,
  percentMet: number | null,
  percentMetOrExplained: number | null,
) => ({ met: 0, explained: 0, notMet: 0, pending: 0, notApplicable: 0, ...counts, percentMet, percentMetOrExplained });

export const PROBLEM_JSON = /^application\/problem\+json/;

/**
 * The api reuses a read-model status for 250 ms (ProjectionStatusReader cacheMs), and the in-process runner does
 * not refresh it (a reported bug): an answer right after a write may state an older position. Wait that out
 * where a test compares positions.
 */
export const outlastStatusCache = () => new Promise((resolve) => setTimeout(resolve, 300));
