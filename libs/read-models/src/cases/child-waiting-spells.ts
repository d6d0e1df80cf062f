import type { Kysely } from 'kysely';
import type { ReadModelSchema } from '../database/read-model-schema';
import { fillDerivedRows, type RefreshedDerivedTable, refreshDerivedRows } from './derived-from-segments';
import type { RowDiff } from './row-diff';

/**
 * child_waiting_spells: for each child, the spells in which at least one of its measures waited, merged across
 * its measures, per kind of waiting. The waiting series counts children, not cases (a child with an OTS beside
 * youth probation waits once), and a child's count on a date cannot be added up from its cases' segments one by
 * one; over its merged spells it can: each spell adds one from valid_from and takes it away from valid_until,
 * which is what the per-day aggregate waiting_child_deltas keeps (kpi-aggregates/waiting-child-deltas.ts).
 *
 * The spells are derived from case_status_segments, never from events: a case's rows change, then its child's
 * spells are derived again from all of that child's waiting segments (found through the partial index
 * case_status_segments_waiting_child) and only the difference is written.
 */
export const WAITING_KINDS = ['help', 'listed', 'protector'] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

export interface WaitingSpellRow {
  child_ref: string;
  kind: WaitingKind;
  valid_from: string;
  /** Exclusive; null while the spell lasts. */
  valid_until: string | null;
}

/** A segment of an active measure that waits: the partial index's condition, repeated verbatim by its queries. */
export const WAITING_SEGMENT = 'measure_active = 1 and (waiting_for_help = 1 or waiting_for_protector = 1)';

/** The segment columns the spells are derived from (the partial index covers them). */
export const WAITING_SEGMENT_COLUMNS = [
  'child_ref',
  'valid_from',
  'valid_until',
  'waiting_for_help',
  'waiting_for_protector',
  'help_waitlist_entry_id',
] as const;

export interface WaitingSegment {
  child_ref: string | null;
  valid_from: string;
  valid_until: string | null;
  waiting_for_help: number | string;
  waiting_for_protector: number | string;
  help_waitlist_entry_id: string | null;
}

/** The kinds a waiting segment counts for, as the series defines them. */
const kindsOf = (segment: WaitingSegment): WaitingKind[] => {
  const kinds: WaitingKind[] = [];
  if (Number(segment.waiting_for_help) === 1) {
    kinds.push('help');
    if (segment.help_waitlist_entry_id !== null) kinds.push('listed');
  }
  if (Number(segment.waiting_for_protector) === 1) kinds.push('protector');
  return kinds;
};

/** Null (open-ended) sorts after every date. */
const laterEnd = (a: string | null, b: string | null): string | null => (a === null || b === null ? null : a > b ? a : b);

/**
 * One child's waiting segments as merged spells per kind: segments that overlap or touch become one spell, so
 * the union of the spells covers exactly the dates some segment covers, and no date twice.
 */
export function mergeWaitingSpells(childRef: string, segments: readonly WaitingSegment[]): WaitingSpellRow[] {
  const spells: WaitingSpellRow[] = [];
  for (const kind of WAITING_KINDS) {
    const ranges = segments
      .filter((segment) => kindsOf(segment).includes(kind))
      .map((segment) => ({ from: segment.valid_from, until: segment.valid_until }))
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    let current: WaitingSpellRow | undefined;
    for (const { from, until } of ranges) {
      if (current && (current.valid_until === null || from <= current.valid_until)) {
        current.valid_until = laterEnd(current.valid_until, until);
        continue;
      }
      current = { child_ref: childRef, kind, valid_from: from, valid_until: until };
      spells.push(current);
    }
  }
  return spells;
}

/** The segment columns (besides its key) on which a child's spells depend. */
const SPELL_COLUMNS = new Set(['valid_until', 'measure_active', 'waiting_for_help', 'waiting_for_protector', 'help_waitlist_entry_id', 'child_ref']);

const isWaiting = (row: Record<string, unknown>): boolean =>
  Number(row.measure_active) === 1 && (Number(row.waiting_for_help) === 1 || Number(row.waiting_for_protector) === 1);

/**
 * The cases of a segment write that may have changed their child's spells: a waiting segment came or went, or
 * one that waits (before or after) changed a column the spells depend on. Most events change none: a segment
 * of a case that does not wait, or only its verdicts.
 */
export function casesWithWaitingChanges(diff: RowDiff<object>): Set<string> {
  const cases = new Set<string>();
  const add = (row: Record<string, unknown>) => cases.add(row.case_id as string);
  for (const row of diff.deleted) if (isWaiting(row)) add(row);
  for (const row of diff.inserted as Array<Record<string, unknown>>) if (isWaiting(row)) add(row);
  for (const { row, old, changed } of diff.updated as Array<{ row: Record<string, unknown>; old: Record<string, unknown>; changed: string[] }>) {
    if ((isWaiting(row) || isWaiting(old)) && changed.some((column) => SPELL_COLUMNS.has(column))) add(row);
  }
  return cases;
}

/** The children's spells as a table derived from the segments (derived-from-segments.ts). */
const CHILD_WAITING_SPELLS: RefreshedDerivedTable<'child_waiting_spells', WaitingSpellRow, WaitingSegment> = {
  insert: { table: 'child_waiting_spells', columns: ['child_ref', 'kind', 'valid_from', 'valid_until'], pgTypes: ['text', 'text', 'text', 'text'] },
  owner: 'child_ref',
  segmentCondition: WAITING_SEGMENT,
  segmentColumns: WAITING_SEGMENT_COLUMNS,
  derive: mergeWaitingSpells,
  key: ['child_ref', 'kind', 'valid_from'],
  identity: (row) => `${row.child_ref}\u0000${row.kind}\u0000${row.valid_from}\u0000${row.valid_until ?? ''}`,
};

/**
 * Derives the spells of these children again from their waiting segments and writes the difference: a case
 * whose rows changed may have changed its child's spells, and usually has not.
 */
export const refreshChildWaitingSpells = (db: Kysely<ReadModelSchema>, childRefs: Iterable<string>): Promise<void> =>
  refreshDerivedRows(db, CHILD_WAITING_SPELLS, childRefs);

/**
 * Fills the emptied table from every waiting segment, in child order: after a rebuild in stream order, which
 * writes case by case and leaves the spells, which span a child's cases, to this one pass; and when migration
 * 0009 adds the table.
 */
export const fillChildWaitingSpells = (db: Kysely<ReadModelSchema>): Promise<number> => fillDerivedRows(db, CHILD_WAITING_SPELLS);
