import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_CALENDAR_POLICY_ID, NORM_KEYS, NORM_STATES } from '@app/domain';
import type { Actor } from '../auth/actor';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../config/clock';
import { ReadModels } from '../read-models/read-models.service';
import { LATE_REGISTRATION_AFTER_DAYS } from '@app/read-models/kpi-aggregates';
import { familiesPerProtector } from './caseload.query';
import { type DisclosurePolicy, disclose, disclosureFor } from './disclosure';
import { type AdditiveFigure, protectAdditive } from './secondary-suppression';
import type { CaseloadQueryDto, InflowQueryDto, RegistrationLagQueryDto, TimelinessQueryDto, WaitingQueryDto, WaitingSeriesQueryDto } from './kpi-query.dto';
import { checkRange, inflowSeries, intervals, seriesDates } from './period-queries';
import { registrationLag } from './registration-lag.query';
import { dayStats } from './stats';
import { timelinessCounts, totalsFigures } from './timeliness.query';
import { waitingSeriesCounts } from './waiting-series.query';
import { daysUntil, tallyWaiting, waitingChildren, waitingFigures } from './waiting.query';

/** The region's indicator rule (seed 001): a step should be registered within 21 days (the aggregate's rule). */
export const REGISTRATION_LIMIT_DAYS = LATE_REGISTRATION_AFTER_DAYS;

/** The KPIs for analysts, each stating the log position it reflects and how far the read models trail. */
@Injectable()
export class KpiService {
  constructor(
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async context(actor: Actor, minPosition: string | undefined) {
    await this.readModels.waitForPosition(minPosition);
    const status = await this.readModels.status(minPosition);
    const policy = disclosureFor(actor, this.config.kpi.minCount);
    const stamp = { position: status.position, lag: { eventsBehind: status.eventsBehind, secondsBehind: status.secondsBehind, caughtUp: status.caughtUp } };
    return { db: this.readModels.db, policy, stamp };
  }

  async timeliness(actor: Actor, q: TimelinessQueryDto) {
    checkRange(q.from, q.to);
    const { db, policy, stamp } = await this.context(actor, q.minPosition);
    const asOf = q.asOf ?? this.clock.today();
    const { total, groups } = await timelinessCounts(db, { from: q.from, to: q.to, asOf, groupBy: q.groupBy });
    const totalFigures = totalsFigures(total, policy);
    const groupFigures = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, totals]) => ({ key, ...totalsFigures(totals, policy) }));
    protectAdditive(totalFigures, groupFigures, TIMELINESS_FIGURES, policy);
    return {
      from: q.from,
      to: q.to,
      asOf,
      groupBy: q.groupBy ?? null,
      calendarPolicy: DEFAULT_CALENDAR_POLICY_ID,
      ...stamp,
      total: totalFigures,
      groups: groupFigures,
    };
  }

  async waiting(actor: Actor, q: WaitingQueryDto) {
    const { db, policy, stamp } = await this.context(actor, q.minPosition);
    const asOf = q.asOf ?? this.clock.today();
    const { whole, groups } = tallyWaiting(await waitingChildren(db, asOf, q.groupBy), q.groupBy !== undefined);
    const daysSince = daysUntil(asOf);
    const figures = waitingFigures(whole, asOf, policy, daysSince);
    const parts = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, tally]) => ({ key, ...waitingFigures(tally, asOf, policy, daysSince) }));
    // A child may wait in two groups (two measures), so the groups add up to at least the whole: protected as if exactly.
    protectAdditive(figures, parts, WAITING_FIGURES, policy);
    return { asOf, groupBy: q.groupBy ?? null, ...stamp, ...figures, groups: parts };
  }

  async waitingSeries(actor: Actor, q: WaitingSeriesQueryDto) {
    checkRange(q.from, q.to);
    const interval = q.interval ?? 'month';
    const dates = seriesDates(q.from, q.to, interval);
    const { db, policy, stamp } = await this.context(actor, q.minPosition);
    const points = (await waitingSeriesCounts(db, dates)).map(({ date, ...counts }) => ({ date, ...disclose(counts, policy) }));
    return { from: q.from, to: q.to, interval, ...stamp, points };
  }

  async caseload(actor: Actor, q: CaseloadQueryDto) {
    const { db, policy, stamp } = await this.context(actor, q.minPosition);
    const asOf = q.asOf ?? this.clock.today();
    const norm = this.config.kpi.caseloadNormFamilies;
    const { families, activeCasesWithoutProtector } = await familiesPerProtector(db, asOf);
    const histogram = new Map<number, number>();
    for (const f of families) histogram.set(f, (histogram.get(f) ?? 0) + 1);
    const stats = dayStats(families);
    const counts = disclose({ protectors: families.length, protectorsAboveNorm: families.filter((f) => f > norm).length, activeCasesWithoutProtector }, policy);
    const distribution = [...histogram.entries()].sort(([a], [b]) => a - b).map(([familyCount, protectors]) => ({ families: familyCount, ...disclose({ protectors }, policy) }));
    protectAdditive(counts, distribution, [{ path: ['protectors'] }], policy);
    return {
      asOf,
      normFamilies: norm,
      ...stamp,
      ...counts,
      familiesPerProtector: suppressSmallSet({ median: stats.median, p90: stats.p90, max: stats.max }, families.length, policy),
      distribution,
    };
  }

  async inflow(actor: Actor, q: InflowQueryDto) {
    checkRange(q.from, q.to);
    const interval = q.interval ?? 'month';
    const periods = intervals(q.from, q.to, interval);
    const { db, policy, stamp } = await this.context(actor, q.minPosition);
    const series = await inflowSeries(db, periods, q.groupBy === 'measureType');
    const points = periods.map((period, i) => ({
      ...period,
      started: disclose(series[i].started, policy),
      activeAtEnd: disclose(series[i].activeAtEnd, policy),
    }));
    return { from: q.from, to: q.to, interval, groupBy: q.groupBy ?? null, ...stamp, intervals: points };
  }

  async registrationLag(actor: Actor, q: RegistrationLagQueryDto) {
    if (q.from !== undefined && q.to !== undefined) checkRange(q.from, q.to);
    const { db, policy, stamp } = await this.context(actor, q.minPosition);
    const rows = await registrationLag(db, { from: q.from, to: q.to, limitDays: REGISTRATION_LIMIT_DAYS });
    const figures = (steps: number, lateSteps: number) =>
      disclose({ steps, lateSteps, percentLate: steps === 0 ? null : (100 * lateSteps) / steps }, policy, { percentLate: steps });
    const total = rows.reduce((sum, r) => ({ steps: sum.steps + r.steps, late: sum.late + r.lateSteps }), { steps: 0, late: 0 });
    const totalFigures = figures(total.steps, total.late);
    const institutions = rows.map((r) => ({ institution: r.institution, ...figures(r.steps, r.lateSteps) }));
    protectAdditive(totalFigures, institutions, [{ path: ['steps'], dependents: ['percentLate'] }, { path: ['lateSteps'], dependents: ['percentLate'] }], policy);
    return {
      from: q.from ?? null,
      to: q.to ?? null,
      limitDays: REGISTRATION_LIMIT_DAYS,
      ...stamp,
      total: totalFigures,
      institutions,
    };
  }
}

/** The percentages rest on the judged states (met, explained, not met), not on pending or not applicable. */
const JUDGED_STATES: readonly string[] = ['met', 'explained', 'notMet'];
const TIMELINESS_FIGURES: AdditiveFigure[] = NORM_KEYS.flatMap((norm) =>
  NORM_STATES.map((state) => ({ path: [norm, state], dependents: JUDGED_STATES.includes(state) ? ['percentMet', 'percentMetOrExplained'] : [] })),
);
const WAITING_FIGURES: AdditiveFigure[] = [
  { path: ['waitingForHelp', 'children'], dependents: ['daysSincePronouncement'] },
  { path: ['waitingForHelp', 'onHelpWaitingList'], dependents: ['daysOnWaitingList'] },
  { path: ['waitingForProtector', 'children'], dependents: ['daysSinceNotification'] },
];

function suppressSmallSet<T extends object>(figures: T, size: number, policy: DisclosurePolicy) {
  return policy.suppress && size > 0 && size < policy.k ? { ...Object.fromEntries(Object.keys(figures).map((k) => [k, null])), suppressed: true } : figures;
}
