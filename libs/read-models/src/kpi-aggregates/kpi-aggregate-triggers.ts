import { type AggregateDialect, deleteEmptied, type KpiAggregate, type RowSource, triggerNames, upsertDelta } from './kpi-aggregate';

/** After an insert: only a signed aggregate's keys can have been emptied (KpiAggregate.signed). */
const insertEmptied = (aggregate: KpiAggregate, sources: readonly RowSource[]): string =>
  aggregate.signed ? `${deleteEmptied(aggregate, sources)};` : '';

/**
 * SQLite: row triggers (it has no other kind). A trigger's NEW or OLD row becomes a one-row source, so the
 * same contributions SQL serves; an update counts only when one of the base columns changed (WHEN).
 */
function sqliteTriggers(aggregate: KpiAggregate): string[] {
  const row = (alias: 'new' | 'old') => `(select ${aggregate.baseColumns.map((c) => `${alias}.${c} as ${c}`).join(', ')})`;
  const added: RowSource[] = [{ source: row('new'), sign: 1 }];
  const removed: RowSource[] = [{ source: row('old'), sign: -1 }];
  const changed = aggregate.baseColumns.map((c) => `old.${c} is not new.${c}`).join(' or ');
  const [insert, update, remove] = triggerNames(aggregate).map((t) => t.name);
  const on = aggregate.base;
  return [
    `create trigger ${insert} after insert on ${on} begin ${upsertDelta(aggregate, added)}; ${insertEmptied(aggregate, added)} end`,
    `create trigger ${update} after update on ${on} when ${changed} begin ${upsertDelta(aggregate, [...added, ...removed])}; ${deleteEmptied(aggregate, [...added, ...removed])}; end`,
    `create trigger ${remove} after delete on ${on} begin ${upsertDelta(aggregate, removed)}; ${deleteEmptied(aggregate, removed)}; end`,
  ];
}

/**
 * PostgreSQL: statement triggers over transition tables, so a statement writing many rows (a batch of the
 * runner, a rebuild's DELETE of a whole table) updates each touched key once with a GROUP BY, instead of calling
 * a function per row. An update's old and new rows net out per key (HAVING in deltaSelect): rows whose counted
 * columns did not change cost a scan of the batch, no write.
 */
function postgresTriggers(aggregate: KpiAggregate): string[] {
  const added: RowSource[] = [{ source: 'new_rows', sign: 1 }];
  const removed: RowSource[] = [{ source: 'old_rows', sign: -1 }];
  const bodies = {
    insert: { sources: added, referencing: 'new table as new_rows' },
    update: { sources: [...added, ...removed], referencing: 'old table as old_rows new table as new_rows' },
    delete: { sources: removed, referencing: 'old table as old_rows' },
  };
  return triggerNames(aggregate).flatMap(({ operation, name }) => {
    const { sources, referencing } = bodies[operation];
    const emptied = operation === 'insert' ? insertEmptied(aggregate, sources) : `${deleteEmptied(aggregate, sources)};`;
    return [
      `create or replace function ${name}() returns trigger language plpgsql as $body$ begin ${upsertDelta(aggregate, sources)}; ${emptied} return null; end $body$`,
      `create trigger ${name} after ${operation} on ${aggregate.base} referencing ${referencing} for each statement execute function ${name}()`,
    ];
  });
}

export const createTriggerStatements = (aggregate: KpiAggregate, dialect: AggregateDialect): string[] =>
  dialect === 'postgres' ? postgresTriggers(aggregate) : sqliteTriggers(aggregate);

/** Drops the triggers (PostgreSQL keeps the functions: create or replace makes them again). */
export const dropTriggerStatements = (aggregate: KpiAggregate, dialect: AggregateDialect): string[] =>
  triggerNames(aggregate).map(({ name }) => (dialect === 'postgres' ? `drop trigger if exists ${name} on ${aggregate.base}` : `drop trigger if exists ${name}`));
