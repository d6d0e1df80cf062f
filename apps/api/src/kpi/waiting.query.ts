import { type Kysely, sql } from 'kysely';
import { daysBetween } from '@app/domain';
import type { CaseStatusSegmentTable, ReadModelSchema } from '@app/read-models';
import { type DisclosurePolicy, disclose } from './disclosure';
import type { WaitingGroup } from './kpi-query.dto';
import { waitingSegmentsOn } from './active-segments';
import { type DayStats, dayStats } from './stats';

/** One case of a child with an active measure who waits for help or for a protector on the date asked. */
export interface WaitingCase {
  childRef: string;
  pronouncedOn: string;
  /** Read only for a case that waits for a protector (null otherwise). */
  giNotifiedOn: string | null;
  waitingForHelp: boolean;
  waitingForProtector: boolean;
  waitlistSince: string | null;
  /** The case's value of the grouping asked for; null when none was asked or the case has none. */
  group: string | null;
}

/** The segment column each grouping reads. */
const GROUP_COLUMN = {
  helpType: 'help_waitlist_help_type',
  provider: 'help_waitlist_provider',
  reason: 'help_waitlist_reason',
  municipality: 'municipality_code',
  institution: 'institution',
} as const satisfies Record<WaitingGroup, keyof CaseStatusSegmentTable>;

/** What every answer reads of a waiting segment; the grouping's column is read only when grouped. */
const WAITING_CASE_COLUMNS = ['child_ref', 'pronounced_on', 'waiting_for_help', 'waiting_for_protector', 'help_waitlist_since'] as const;

/**
 * Read from the index entries of the waiting segments' length classes alone (segment-length-classes.ts). Each
 * string read is a value better-sqlite3 turns into a JS string for ten thousand rows, so the four groupings
 * not asked for are not read, and the notification date only for the few cases that wait for a protector (a
 * null costs next to nothing).
 */
export async function waitingChildren(db: Kysely<ReadModelSchema>, asOf: string, groupBy?: WaitingGroup): Promise<WaitingCase[]> {
  const groupColumn = groupBy === undefined ? undefined : GROUP_COLUMN[groupBy];
  const columns = groupColumn === undefined ? WAITING_CASE_COLUMNS : [...WAITING_CASE_COLUMNS, groupColumn];
  const rows = await db
    .selectFrom(waitingSegmentsOn(db, asOf, [...columns, 'gi_notified_on']).as('s'))
    .select(columns)
    .select(sql<string | null>`case when ${sql.ref('s.waiting_for_protector')} = 1 then ${sql.ref('s.gi_notified_on')} end`.as('protector_wait_since'))
    .execute();
  return rows.map((r) => ({
    childRef: r.child_ref as string,
    pronouncedOn: r.pronounced_on as string,
    giNotifiedOn: r.protector_wait_since,
    waitingForHelp: r.waiting_for_help === 1,
    waitingForProtector: r.waiting_for_protector === 1,
    waitlistSince: r.help_waitlist_since,
    group: groupColumn === undefined ? null : r[groupColumn],
  }));
}

/**
 * Counts children, not cases: a child with two measures (an OTS beside youth probation) waits once. The case
 * that has waited longest speaks for the child, so each child keeps the earliest date its wait is counted from
 * (a missing date counts as latest, as if it had not started).
 */
class EarliestPerChild {
  private readonly since = new Map<string, string | null>();

  keep(childRef: string, date: string | null): void {
    const held = this.since.get(childRef);
    if (held === undefined || (date ?? '9999') < (held ?? '9999')) this.since.set(childRef, date);
  }

  get children(): number {
    return this.since.size;
  }

  dates(): IterableIterator<string | null> {
    return this.since.values();
  }
}

/** The children of one set (the whole, or one group) who wait on `asOf`: for help (and on a list), and for a protector. */
export class WaitingTally {
  readonly forHelp = new EarliestPerChild();
  readonly onList = new EarliestPerChild();
  readonly forProtector = new EarliestPerChild();

  add(c: WaitingCase): void {
    if (c.waitingForHelp) {
      this.forHelp.keep(c.childRef, c.pronouncedOn);
      if (c.waitlistSince !== null) this.onList.keep(c.childRef, c.waitlistSince);
    }
    if (c.waitingForProtector) this.forProtector.keep(c.childRef, c.giNotifiedOn);
  }
}

/**
 * The tally of every waiting case, and with `grouped` one per group (a case without the group's value in
 * '(none)'), in a single pass: a child waiting in two groups waits once in each and once in the whole.
 */
export function tallyWaiting(cases: readonly WaitingCase[], grouped: boolean): { whole: WaitingTally; groups: Map<string, WaitingTally> } {
  const whole = new WaitingTally();
  const groups = new Map<string, WaitingTally>();
  for (const c of cases) {
    whole.add(c);
    if (!grouped) continue;
    const key = c.group ?? '(none)';
    let tally = groups.get(key);
    if (tally === undefined) groups.set(key, (tally = new WaitingTally()));
    tally.add(c);
  }
  return { whole, groups };
}

function discloseStats(stats: DayStats, policy: DisclosurePolicy) {
  // A median or a maximum of fewer than K children describes those few children: withheld with the count.
  if (policy.suppress && stats.count > 0 && stats.count < policy.k) {
    return { count: null, median: null, p90: null, max: null, suppressed: true as const };
  }
  return stats;
}

/** Days from each date to asOf, each distinct date worked out once (ten thousand children share a few thousand dates). */
export function daysUntil(asOf: string): (date: string) => number {
  const known = new Map<string, number>();
  return (date) => {
    let days = known.get(date);
    if (days === undefined) known.set(date, (days = daysBetween(date, asOf)));
    return days;
  };
}

/** The day counts from each child's date to asOf, `floor` the least a count may be. */
function daysFrom(children: EarliestPerChild, daysSince: (date: string) => number, floor = -Infinity): Float64Array {
  const days = new Float64Array(children.children);
  let i = 0;
  for (const date of children.dates()) days[i++] = Math.max(floor, daysSince(date as string));
  return days;
}

/** The waiting figures of a tally. `daysSince` may be shared by the calls for one asOf (the whole and each group). */
export function waitingFigures(tally: WaitingTally, asOf: string, policy: DisclosurePolicy, daysSince = daysUntil(asOf)) {
  const { forHelp, onList, forProtector } = tally;
  return {
    waitingForHelp: {
      ...disclose({ children: forHelp.children, onHelpWaitingList: onList.children }, policy),
      daysSincePronouncement: discloseStats(dayStats(daysFrom(forHelp, daysSince)), policy),
      daysOnWaitingList: discloseStats(dayStats(daysFrom(onList, daysSince)), policy),
    },
    waitingForProtector: {
      ...disclose({ children: forProtector.children }, policy),
      // A measure pronounced but not yet notified to the GI has waited 0 days for the GI, not a negative number.
      daysSinceNotification: discloseStats(dayStats(daysFrom(forProtector, daysSince, 0)), policy),
    },
  };
}
