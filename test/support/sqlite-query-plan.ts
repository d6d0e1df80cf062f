import { type CompiledQuery, type Kysely, sql } from 'kysely';

/**
 * SQLite's EXPLAIN QUERY PLAN of a compiled query, its lines joined with ' ; '. The parameters are inlined as
 * literals, as the values the tests pass are plain dates and refs: the plan is the one the bound query gets.
 */
export async function sqliteQueryPlan(db: Kysely<any>, query: CompiledQuery): Promise<string> {
  const inlined = query.parameters.reduce<string>((text, value) => text.replace('?', `'${String(value)}'`), query.sql);
  const { rows } = await sql.raw<{ detail: string }>(`explain query plan ${inlined}`).execute(db);
  return rows.map((row) => row.detail).join(' ; ');
}
