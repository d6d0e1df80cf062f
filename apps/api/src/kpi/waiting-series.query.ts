import { type Kysely, SqliteAdapter, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';
import { activeMeasuresOn, firstOnOrAfter } from './active-measures-series';
import { activeSegmentsBetween } from './active-segments';
import { ChildSpells } from './child-spells';

export interface WaitingCounts {
  date: string;
  activeMeasures: number;
  waitingForHelp: number;
  onHelpWaitingList: number;
  waitingForProtector: number;
}

/**
 * How many measures were active, and how many children waited, on each of the (ascending) dates.
 *
 * Active measures come from the per-day pre-aggregate active_measure_deltas (active-measures-series.ts), so
 * they no longer need every active segment of the range. The children are counted from the waiting segments
 * only: every active segment that waits (for help or a protector) and holds on some date of the series is read
 * once (through the length-class indexes, as for a single date) and its child counted on each date it holds on.
 *
 * Exactly the per-date figures: on D, the segments with valid_from <= D < valid_until (or open); measures are
 * counted as measures, children once however many measures they have (distinct child_ref, nulls not counted,
 * as COUNT(DISTINCT) did). Every case with segments has a summary (the projection writes both for every
 * existing case, in one transaction), so the inner join of the per-date query dropped no segment. The two
 * statements each read one committed state; a projection commit between them is the only way they differ.
 */
const STREAM_CHUNK = 5000;

export async function waitingSeriesCounts(db: Kysely<ReadModelSchema>, dates: readonly string[]): Promise<WaitingCounts[]> {
  if (dates.length === 0) return [];
  const active = await activeMeasuresOn(db, dates);
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
  const query = db
    .selectFrom(segments.as('s'))
    .where((eb) => eb.or([eb('s.waiting_for_help', '=', sql.lit(1)), eb('s.waiting_for_protector', '=', sql.lit(1))]))
    .select(['s.valid_from', 's.valid_until', 's.waiting_for_help', 's.waiting_for_protector', 's.help_waitlist_entry_id'])
    .select(
      sql<string | null>`(select ${sql.ref('c.child_ref')} from ${sql.table('case_summaries')} as ${sql.id('c')}${refs} where ${sql.ref('c.case_id')} = ${sql.ref('s.case_id')})`.as(
        'child_ref',
      ),
    )
    .orderBy('child_ref');
  // Streamed on SQLite (a national decade has over a million waiting segments); the PostgreSQL dialect has no
  // cursor configured, so there the rows arrive at once.
  const rows = db.getExecutor().adapter instanceof SqliteAdapter ? query.stream(STREAM_CHUNK) : await query.execute();

  const help = new ChildSpells(dates.length);
  const listed = new ChildSpells(dates.length);
  const protector = new ChildSpells(dates.length);
  let current: string | null = null;
  for await (const row of rows) {
    const child = row.child_ref;
    if (child === null) continue;
    if (child !== current) {
      for (const spells of [help, listed, protector]) spells.countChild();
      current = child;
    }
    const first = firstOnOrAfter(dates, row.valid_from);
    const end = row.valid_until === null ? dates.length : firstOnOrAfter(dates, row.valid_until);
    if (first >= end) continue;
    const waitsForHelp = Number(row.waiting_for_help) === 1;
    if (waitsForHelp) help.add(first, end);
    if (waitsForHelp && row.help_waitlist_entry_id !== null) listed.add(first, end);
    if (Number(row.waiting_for_protector) === 1) protector.add(first, end);
  }
  const [helpCounts, listedCounts, protectorCounts] = [help, listed, protector].map((spells) => spells.counts());
  return dates.map((date, i) => ({
    date,
    activeMeasures: active[i],
    waitingForHelp: helpCounts[i],
    onHelpWaitingList: listedCounts[i],
    waitingForProtector: protectorCounts[i],
  }));
}
