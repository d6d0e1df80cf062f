import { type Kysely, SqliteAdapter, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';
import { activeSegmentsBetween } from './active-segments';

export interface WaitingCounts {
  date: string;
  activeMeasures: number;
  waitingForHelp: number;
  onHelpWaitingList: number;
  waitingForProtector: number;
}

/** Index of the first date >= value in ascending dates (dates.length if none). */
function firstOnOrAfter(dates: readonly string[], value: string): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (dates[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * How many measures were active, and how many children waited, on each of the (ascending) dates, from one
 * statement: every active segment that holds on some date of the series is read once (through the length-class
 * indexes, as for a single date), and counted on each date it holds on - instead of one query per date, which
 * read a segment again for every date it spans and scanned each date's windows anew.
 *
 * Exactly the per-date figures: on D, the segments with valid_from <= D < valid_until (or open); measures are
 * counted as measures, children once however many measures they have (distinct child_ref, nulls not counted,
 * as COUNT(DISTINCT) did). Every case with segments has a summary (the projection writes both for every
 * existing case, in one transaction), so the inner join of the per-date query dropped no segment; the child_ref
 * is looked up only for the waiting segments, a small share.
 */
export async function waitingSeriesCounts(db: Kysely<ReadModelSchema>, dates: readonly string[]): Promise<WaitingCounts[]> {
  if (dates.length === 0) return [];
  const segments = activeSegmentsBetween(db, dates[0], dates[dates.length - 1], [
    'case_id',
    'valid_from',
    'valid_until',
    'waiting_for_help',
    'waiting_for_protector',
    'help_waitlist_entry_id',
  ]);
  // SQLite would read the child_ref from the table row (found through the primary key's index, then the rowid);
  // case_summaries_refs (case_id, child_ref, ...) answers from one index seek. PostgreSQL takes no hints.
  const refs = db.getExecutor().adapter instanceof SqliteAdapter ? sql` indexed by ${sql.id('case_summaries_refs')}` : sql``;
  const rows = await db
    .selectFrom(segments.as('s'))
    .select(['s.valid_from', 's.valid_until', 's.waiting_for_help', 's.waiting_for_protector', 's.help_waitlist_entry_id'])
    .select(
      sql<string | null>`case when ${sql.ref('s.waiting_for_help')} = 1 or ${sql.ref('s.waiting_for_protector')} = 1
        then (select ${sql.ref('c.child_ref')} from ${sql.table('case_summaries')} as ${sql.id('c')}${refs} where ${sql.ref('c.case_id')} = ${sql.ref('s.case_id')}) end`.as('child_ref'),
    )
    .execute();

  const active = new Array<number>(dates.length).fill(0);
  const help = dates.map(() => new Set<string>());
  const listed = dates.map(() => new Set<string>());
  const protector = dates.map(() => new Set<string>());
  for (const row of rows) {
    const first = firstOnOrAfter(dates, row.valid_from);
    const end = row.valid_until === null ? dates.length : firstOnOrAfter(dates, row.valid_until);
    const child = row.child_ref;
    for (let i = first; i < end; i++) {
      active[i] += 1;
      if (child === null) continue;
      if (Number(row.waiting_for_help) === 1) {
        help[i].add(child);
        if (row.help_waitlist_entry_id !== null) listed[i].add(child);
      }
      if (Number(row.waiting_for_protector) === 1) protector[i].add(child);
    }
  }
  return dates.map((date, i) => ({
    date,
    activeMeasures: active[i],
    waitingForHelp: help[i].size,
    onHelpWaitingList: listed[i].size,
    waitingForProtector: protector[i].size,
  }));
}
