import { addDays, type BusinessDate, minDate } from '@app/domain';
import { TIMELINESS_GROUPS, WAITING_GROUPS } from '../../../apps/api/src/kpi/kpi-query.dto';
import type { SeededRandom } from '../random/seeded-random';
import type { PlannedRequest } from './load-run';

/**
 * An analyst's KPI questions over the profile's period: windows of a month to the whole period at random places
 * in it, judged or counted on dates in and after it, with every grouping the API offers (municipality grouping
 * is its only municipality filter) or none, and a quarter of the answers as CSV.
 */

export const KPI_ENDPOINTS = ['timeliness', 'waiting', 'waiting/series', 'caseload', 'inflow', 'registration-lag'] as const;
export type KpiEndpoint = (typeof KPI_ENDPOINTS)[number];

export const KPI_PARAMETERS: Record<KpiEndpoint, string> = {
  timeliness: 'from/to a 1-, 3- or 12-month window in the period, asOf up to a year after it (capped at today), groupBy none|institution|municipality|measureType|month|quarter',
  waiting: 'asOf a date in the period (1 in 5 without: today), groupBy none|helpType|provider|reason|municipality|institution',
  'waiting/series': 'interval week over 3-12 months or month over 1 year up to the whole period',
  caseload: 'asOf a date in the period (1 in 5 without: today)',
  inflow: 'from/to 1 year up to the whole period, interval month|quarter|halfyear, half grouped by measureType',
  'registration-lag': 'from/to a 1- to 12-month window in the period (1 in 5 without: all)',
};

export interface Period {
  from: BusinessDate;
  to: BusinessDate;
}

export class KpiRequests {
  constructor(
    private readonly random: SeededRandom,
    private readonly period: Period,
    private readonly today: BusinessDate,
    private readonly analystToken: string,
  ) {}

  next(endpoint: KpiEndpoint): PlannedRequest {
    const query = new URLSearchParams(this.parameters(endpoint));
    const csv = this.random.chance(0.25);
    return {
      method: 'GET',
      path: `/kpi/${endpoint}?${query.toString()}`,
      headers: { authorization: `Bearer ${this.analystToken}`, accept: csv ? 'text/csv' : 'application/json' },
    };
  }

  private parameters(endpoint: KpiEndpoint): Record<string, string> {
    const r = this.random;
    switch (endpoint) {
      case 'timeliness': {
        const { from, to } = this.window(r.pick([30, 91, 365]));
        const asOf = r.dateBetween(to, minDate(addDays(to, 365), this.today));
        return this.withGroup({ from, to, asOf }, TIMELINESS_GROUPS);
      }
      case 'waiting':
        return this.withGroup(this.someDay('asOf'), WAITING_GROUPS);
      case 'waiting/series':
        return r.chance(0.5)
          ? { ...this.window(r.int(91, 365)), interval: 'week' }
          : { ...this.window(r.int(365, this.periodDays())), interval: 'month' };
      case 'caseload':
        return this.someDay('asOf');
      case 'inflow': {
        const grouped: Record<string, string> = r.chance(0.5) ? { groupBy: 'measureType' } : {};
        return { ...this.window(r.int(365, this.periodDays())), interval: r.pick(['month', 'quarter', 'halfyear']), ...grouped };
      }
      case 'registration-lag':
        return r.chance(0.2) ? {} : this.window(r.int(30, 365));
    }
  }

  private periodDays(): number {
    return Math.max(365, Math.round((Date.parse(this.period.to) - Date.parse(this.period.from)) / 86_400_000) + 1);
  }

  /** A window of `days` days at a random place in the period (the whole period if it is shorter). */
  private window(days: number): { from: BusinessDate; to: BusinessDate } {
    const latestStart = addDays(this.period.to, -(days - 1));
    const from = latestStart < this.period.from ? this.period.from : this.random.dateBetween(this.period.from, latestStart);
    return { from, to: minDate(addDays(from, days - 1), this.period.to) };
  }

  private someDay(name: string): Record<string, string> {
    return this.random.chance(0.2) ? {} : { [name]: this.random.dateBetween(this.period.from, this.period.to) };
  }

  private withGroup(query: Record<string, string>, groups: readonly string[]): Record<string, string> {
    const groupBy = this.random.pick([undefined, ...groups]);
    return groupBy === undefined ? query : { ...query, groupBy };
  }
}
