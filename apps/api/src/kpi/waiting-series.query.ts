import { type Kysely, sql } from 'kysely';
import type { ReadModelSchema } from '@app/read-models';
import { activeMeasuresOn, firstOnOrAfter, runningSums } from './active-measures-series';

export interface WaitingCounts {
  date: string;
  activeMeasures: number;
  waitingForHelp: number;
  onHelpWaitingList: number;
  waitingForProtector: number;
}

type WaitingKind = 'help' | 'listed' | 'protector';

/**
 * How many measures were active, and how many children waited, on each of the (ascending) dates: both from
 * per-day pre-aggregates, so a series over ten years reads a few thousand rows however many cases there are.
 * Active measures from active_measure_deltas (active-measures-series.ts); children from waiting_child_deltas,
 * the deltas of each child's waiting spells merged across its measures (read-models cases/child-waiting-spells.ts):
 * on D, the children with some active measure whose segment waits on D (valid_from <= D < valid_until, or open),
 * each once however many measures they have, nulls not counted - as COUNT(DISTINCT child_ref) over the
 * segments would count them. The two statements each read one committed state; a projection commit between
 * them is the only way they differ.
 */
export async function waitingSeriesCounts(db: Kysely<ReadModelSchema>, dates: readonly string[]): Promise<WaitingCounts[]> {
  if (dates.length === 0) return [];
  const active = await activeMeasuresOn(db, dates);
  const children = await waitingChildrenOn(db, dates);
  return dates.map((date, i) => ({
    date,
    activeMeasures: active[i],
    waitingForHelp: children.help[i],
    onHelpWaitingList: children.listed[i],
    waitingForProtector: children.protector[i],
  }));
}

/** The waiting children of each kind on each date: one statement, days before the first folded into it. */
async function waitingChildrenOn(db: Kysely<ReadModelSchema>, dates: readonly string[]): Promise<Record<WaitingKind, number[]>> {
  const first = dates[0];
  const last = dates[dates.length - 1];
  const { rows } = await sql<{ kind: WaitingKind; day: string; delta: number | string }>`
    select kind, case when day < ${first} then ${first} else day end as day, sum(delta) as delta
    from ${sql.table('waiting_child_deltas')} where day <= ${last}
    group by 1, 2`.execute(db);
  const added: Record<WaitingKind, number[]> = {
    help: new Array<number>(dates.length).fill(0),
    listed: new Array<number>(dates.length).fill(0),
    protector: new Array<number>(dates.length).fill(0),
  };
  for (const row of rows) added[row.kind][firstOnOrAfter(dates, row.day)] += Number(row.delta);
  return { help: runningSums(added.help), listed: runningSums(added.listed), protector: runningSums(added.protector) };
}
