import type { BusinessDate, Institution } from '@app/domain';
import type { CaseRef } from '../data/case-catalog';
import type { SeededRandom } from '../random/seeded-random';
import type { BenchTokens } from '../service/tokens';
import type { PlannedRequest } from './load-run';

/**
 * Replays of random generated cases straight from the event store: an auditor's history as of a business date,
 * as known at an instant, or both; and a protector's view of one of their institution's cases as of a date.
 * Every one of these reads also writes its access-log record, as in production.
 */

export const HISTORY_PARAMETERS =
  'a random profile case; a third each: asOf (a date from its pronouncement to today), knownAt (an instant from its first record to now), both';
export const CASE_AS_OF_PARAMETERS = 'a random profile case, asOf a date from its pronouncement to today, protector token of its institution';
export const ACCESS_LOG_PARAMETERS =
  'a third each: the reads of a random profile case, the reads by the auditor or by a random institution\'s protector (a random page of 50 of those), the reads within a random 10 s since the history reads began; over the records the history reads before it appended';

export class HistoryRequests {
  constructor(
    private readonly random: SeededRandom,
    private readonly cases: readonly CaseRef[],
    private readonly today: BusinessDate,
    private readonly tokens: BenchTokens,
    private readonly startedAt = Date.now(),
  ) {}

  history(): PlannedRequest {
    const ref = this.random.pick(this.cases);
    const variant = this.random.int(0, 2);
    const query = new URLSearchParams();
    if (variant !== 1) query.set('asOf', this.random.dateBetween(ref.pronouncedOn, this.today));
    if (variant !== 0) query.set('knownAt', this.instantSince(ref.recordedFirstAt));
    return {
      method: 'GET',
      path: `/cases/${ref.caseId}/history?${query.toString()}`,
      headers: { authorization: `Bearer ${this.tokens.auditor}`, 'x-access-reason': 'bench: inspection replay' },
    };
  }

  caseAsOf(): PlannedRequest {
    const ref = this.random.pick(this.cases);
    return {
      method: 'GET',
      path: `/cases/${ref.caseId}?asOf=${this.random.dateBetween(ref.pronouncedOn, this.today)}`,
      headers: { authorization: `Bearer ${this.tokens.protector[ref.institution as Institution]}` },
    };
  }

  /** GET /audit/access as an auditor inspecting who read what: by case, by reader, or by time. */
  accessLog(): PlannedRequest {
    const query = new URLSearchParams();
    const variant = this.random.int(0, 2);
    if (variant === 0) query.set('caseId', this.random.pick(this.cases).caseId);
    if (variant === 1) {
      const institution = this.random.pick(Object.keys(this.tokens.protector)).toLowerCase();
      query.set('sub', this.random.int(0, 1) === 0 ? 'bench-auditor' : `bench-prot-${institution}`);
      query.set('page', String(this.random.int(1, 3)));
    }
    if (variant === 2) {
      const from = this.random.int(this.startedAt, Date.now());
      query.set('from', new Date(from).toISOString());
      query.set('to', new Date(from + 10_000).toISOString());
    }
    return { method: 'GET', path: `/audit/access?${query.toString()}`, headers: { authorization: `Bearer ${this.tokens.auditor}` } };
  }

  /** A whole second between `from` and now, in UTC with Z (a '+' offset would need escaping). */
  private instantSince(from: string): string {
    const start = Math.floor(Date.parse(from) / 1000);
    const end = Math.floor(Date.now() / 1000);
    const second = end > start ? start + this.random.int(0, end - start) : end;
    return new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
}
