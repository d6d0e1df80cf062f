/**
 * A KPI pre-aggregate: a small table of counts per key (a day and a group), kept equal to a GROUP BY over one
 * base read-model table by triggers on that table, so that a KPI over years reads thousands of rows instead of
 * millions. The triggers keep the projection code (libs/read-models/src/cases) unaware of the aggregates: any
 * insert, update or delete of a base row, in any transaction, moves the counts in the same transaction.
 *
 * An aggregate is declared once, as the SQL of each base row's contributions; the recompute (one GROUP BY over
 * the base table), the SQLite row triggers, the PostgreSQL statement triggers and the tests all derive from it.
 *
 * Key columns are NOT NULL (an upsert's conflict target must be): a null group is stored as '' and read back
 * with nullif(column, ''). '' is no valid institution or measure type, so no real group merges with it.
 */
export interface KpiAggregate {
  /** The aggregate table. */
  table: string;
  /** The read-model table it counts, on which its triggers sit. */
  base: 'step_registrations' | 'case_summaries' | 'case_status_segments' | 'child_waiting_spells';
  /** The base columns a row's contributions depend on: an update that changes none of them changes no count. */
  baseColumns: readonly string[];
  keys: readonly string[];
  counts: readonly string[];
  /**
   * SELECT of the contributions of the rows of `source` (a table name or a parenthesised subquery aliased by
   * the caller): columns keys..., counts..., each count multiplied by `sign`. May be several SELECTs joined by
   * UNION ALL; every one must end with its own WHERE.
   */
  contributions(source: string, sign: 1 | -1): string;
  /**
   * A row may contribute negative counts (a delta aggregate), so that an insert, too, can bring a key's counts
   * to zero: its triggers then delete emptied keys after inserts as well (without it they need not look).
   */
  signed?: boolean;
}

export type AggregateDialect = 'sqlite' | 'postgres';

/** A signed source of base rows: a table (the base table, a transition table) or one row (a trigger's NEW/OLD). */
export interface RowSource {
  source: string;
  sign: 1 | -1;
}

const list = (columns: readonly string[]) => columns.join(', ');

/** The net counts per key over the sources, keys whose counts all cancel left out. */
export function deltaSelect(aggregate: KpiAggregate, sources: readonly RowSource[]): string {
  const union = sources.map(({ source, sign }) => aggregate.contributions(source, sign)).join(' union all ');
  const sums = aggregate.counts.map((count) => `sum(${count}) as ${count}`);
  const nonZero = aggregate.counts.map((count) => `sum(${count}) <> 0`).join(' or ');
  // "where true": SQLite's upsert needs a WHERE in its SELECT to tell ON CONFLICT from a join's ON.
  return `select ${list([...aggregate.keys, ...sums])} from (${union}) as contribution where true group by ${list(aggregate.keys)} having ${nonZero}`;
}

/** Adds the sources' net counts to the aggregate. */
export function upsertDelta(aggregate: KpiAggregate, sources: readonly RowSource[]): string {
  const { table, keys, counts } = aggregate;
  const add = counts.map((count) => `${count} = ${table}.${count} + excluded.${count}`);
  return `insert into ${table} (${list([...keys, ...counts])}) ${deltaSelect(aggregate, sources)} on conflict (${list(keys)}) do update set ${list(add)}`;
}

/** Deletes the keys the sources touched whose counts are all zero now: the table holds only keys that count. */
export function deleteEmptied(aggregate: KpiAggregate, sources: readonly RowSource[]): string {
  const { table, keys, counts } = aggregate;
  const touched = sources.map(({ source, sign }) => aggregate.contributions(source, sign)).join(' union all ');
  const zero = counts.map((count) => `${count} = 0`).join(' and ');
  return `delete from ${table} where ${zero} and (${list(keys)}) in (select ${list(keys)} from (${touched}) as touched)`;
}

/** The aggregate computed from scratch: one GROUP BY over the whole base table. */
export function recomputeStatements(aggregate: KpiAggregate): string[] {
  const { table, keys, counts } = aggregate;
  return [`delete from ${table}`, `insert into ${table} (${list([...keys, ...counts])}) ${deltaSelect(aggregate, [{ source: aggregate.base, sign: 1 }])}`];
}

/** The names of an aggregate's triggers (and, in PostgreSQL, of their functions). */
export const triggerNames = (aggregate: KpiAggregate) =>
  (['insert', 'update', 'delete'] as const).map((operation) => ({ operation, name: `${aggregate.table}_after_${operation}` }));
