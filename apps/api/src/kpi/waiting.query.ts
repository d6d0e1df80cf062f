import type { Kysely } from 'kysely';
import { daysBetween } from '@app/domain';
import type { ReadModelSchema } from '@app/read-models';
import { type DisclosurePolicy, disclose } from './disclosure';
import type { WaitingGroup } from './kpi-query.dto';
import { WAITING_KPI_COLUMNS } from '@app/read-models/database/segment-length-classes';
import { waitingSegmentsOn } from './active-segments';
import { type DayStats, dayStats } from './stats';

/** One child with an active measure who waits for help or for a protector on the date asked. */
interface WaitingChild {
  childRef: string;
  pronouncedOn: string;
  giNotifiedOn: string;
  institution: string | null;
  municipality: string | null;
  waitingForHelp: boolean;
  waitingForProtector: boolean;
  waitlistSince: string | null;
  helpType: string | null;
  provider: string | null;
  reason: string | null;
}


/** Read from the index entries of the waiting segments' length classes alone (segment-length-classes.ts). */
export async function waitingChildren(db: Kysely<ReadModelSchema>, asOf: string): Promise<WaitingChild[]> {
  const rows = await waitingSegmentsOn(db, asOf, WAITING_KPI_COLUMNS).execute();
  return rows.map((r) => ({
    childRef: r.child_ref as string,
    pronouncedOn: r.pronounced_on as string,
    giNotifiedOn: r.gi_notified_on as string,
    institution: r.institution,
    municipality: r.municipality_code,
    waitingForHelp: r.waiting_for_help === 1,
    waitingForProtector: r.waiting_for_protector === 1,
    waitlistSince: r.help_waitlist_since,
    helpType: r.help_waitlist_help_type,
    provider: r.help_waitlist_provider,
    reason: r.help_waitlist_reason,
  }));
}

const GROUP_KEY: Record<WaitingGroup, (child: WaitingChild) => string | null> = {
  helpType: (c) => c.helpType,
  provider: (c) => c.provider,
  reason: (c) => c.reason,
  municipality: (c) => c.municipality,
  institution: (c) => c.institution,
};

function discloseStats(stats: DayStats, policy: DisclosurePolicy) {
  // A median or a maximum of fewer than K children describes those few children: withheld with the count.
  if (policy.suppress && stats.count > 0 && stats.count < policy.k) {
    return { count: null, median: null, p90: null, max: null, suppressed: true as const };
  }
  return stats;
}

/**
 * Counts children, not cases: a child with two measures (an OTS beside youth probation) waits once. The case
 * that has waited longest speaks for the child.
 */
function distinctChildren(cases: WaitingChild[], since: (c: WaitingChild) => string | null): WaitingChild[] {
  const byChild = new Map<string, WaitingChild>();
  for (const c of cases) {
    const held = byChild.get(c.childRef);
    if (!held || (since(c) ?? '9999') < (since(held) ?? '9999')) byChild.set(c.childRef, c);
  }
  return [...byChild.values()];
}

/** The waiting figures of a set of children on `asOf`: for help (and on a list), and for a protector. */
/** Days from each date to asOf, each distinct date worked out once (ten thousand children share a few thousand dates). */
export function daysUntil(asOf: string): (date: string) => number {
  const known = new Map<string, number>();
  return (date) => {
    let days = known.get(date);
    if (days === undefined) known.set(date, (days = daysBetween(date, asOf)));
    return days;
  };
}

/** `daysSince` may be shared by the calls for one asOf (the whole and each group). */
export function waitingFigures(children: WaitingChild[], asOf: string, policy: DisclosurePolicy, daysSince = daysUntil(asOf)) {
  const forHelp = distinctChildren(children.filter((c) => c.waitingForHelp), (c) => c.pronouncedOn);
  const onList = distinctChildren(children.filter((c) => c.waitingForHelp && c.waitlistSince !== null), (c) => c.waitlistSince);
  const forProtector = distinctChildren(children.filter((c) => c.waitingForProtector), (c) => c.giNotifiedOn);
  return {
    waitingForHelp: {
      ...disclose({ children: forHelp.length, onHelpWaitingList: onList.length }, policy),
      daysSincePronouncement: discloseStats(dayStats(forHelp.map((c) => daysSince(c.pronouncedOn))), policy),
      daysOnWaitingList: discloseStats(dayStats(onList.map((c) => daysSince(c.waitlistSince as string))), policy),
    },
    waitingForProtector: {
      ...disclose({ children: forProtector.length }, policy),
      // A measure pronounced but not yet notified to the GI has waited 0 days for the GI, not a negative number.
      daysSinceNotification: discloseStats(dayStats(forProtector.map((c) => Math.max(0, daysSince(c.giNotifiedOn)))), policy),
    },
  };
}

export function groupWaiting(children: WaitingChild[], groupBy: WaitingGroup): Map<string, WaitingChild[]> {
  const groups = new Map<string, WaitingChild[]>();
  for (const child of children) {
    const key = GROUP_KEY[groupBy](child) ?? '(none)';
    const members = groups.get(key);
    if (members) members.push(child);
    else groups.set(key, [child]);
  }
  return groups;
}
