import type { Kysely } from 'kysely';
import type { ProtectorCaseloadSpanTable, ReadModelSchema } from '../database/read-model-schema';
import { lengthClassOf } from '../database/segment-length-classes';
import { fillDerivedRows, refreshDerivedRows, type SegmentDerivedTable } from './derived-from-segments';
import type { RowDiff } from './row-diff';

/**
 * protector_caseload_spans: each protector's caseload as spans of days on which it stays the same - how many
 * distinct families and how many cases with an active measure the protector holds. The caseload KPI asks, for
 * a date, the families of every protector: over the segments that is a GROUP BY with a count(distinct) over the
 * ~55,000 cases active on a national date (115 ms, almost all of it SQLite's temporary B-trees); over the spans
 * it is a range scan of the ~5,500 that hold on the date, one per protector.
 *
 * Like the children's waiting spells, the spans are derived from case_status_segments, never from events: when a
 * command changes a case's segments, the spans of every protector named in the rows it changed (before or after)
 * are derived again from all of that protector's active segments (found through the partial index
 * case_status_segments_protector) and only the difference is written. A family with two children under one
 * protector counts once; a case without a family ref counts among the cases only.
 */
export type CaseloadSpanRow = ProtectorCaseloadSpanTable;

/** An active segment held by a protector: the partial index's condition, repeated verbatim by its queries. */
export const PROTECTOR_SEGMENT = 'measure_active = 1 and protector_ref is not null';

/** The segment columns the spans are derived from (the partial index covers them). */
export const PROTECTOR_SEGMENT_COLUMNS = ['protector_ref', 'family_ref', 'valid_from', 'valid_until'] as const;

export interface ProtectorSegment {
  protector_ref: string | null;
  family_ref: string | null;
  valid_from: string;
  valid_until: string | null;
}

/**
 * The protector's spans from its active segments (any order): a sweep over the days on which a segment starts
 * or ends, counting each family's segments, with a new span wherever the counts change. A case's two adjacent
 * segments end and start on the same day and change nothing.
 */
export function caseloadSpans(protectorRef: string, segments: readonly ProtectorSegment[]): CaseloadSpanRow[] {
  const changes = new Map<string, Array<{ family: string | null; delta: number }>>();
  const change = (day: string, family: string | null, delta: number) => {
    let onDay = changes.get(day);
    if (!onDay) changes.set(day, (onDay = []));
    onDay.push({ family, delta });
  };
  for (const segment of segments) {
    change(segment.valid_from, segment.family_ref, 1);
    if (segment.valid_until !== null) change(segment.valid_until, segment.family_ref, -1);
  }
  const spans: CaseloadSpanRow[] = [];
  const perFamily = new Map<string, number>();
  let cases = 0;
  let open: { from: string; families: number; cases: number } | undefined;
  for (const day of [...changes.keys()].sort()) {
    for (const { family, delta } of changes.get(day)!) {
      cases += delta;
      if (family === null) continue;
      const count = (perFamily.get(family) ?? 0) + delta;
      if (count === 0) perFamily.delete(family);
      else perFamily.set(family, count);
    }
    if (open && open.families === perFamily.size && open.cases === cases) continue;
    if (open) spans.push(spanRow(protectorRef, open, day));
    open = cases > 0 ? { from: day, families: perFamily.size, cases } : undefined;
  }
  if (open) spans.push(spanRow(protectorRef, open, null));
  return spans;
}

const spanRow = (protectorRef: string, open: { from: string; families: number; cases: number }, until: string | null): CaseloadSpanRow => ({
  protector_ref: protectorRef,
  valid_from: open.from,
  valid_until: until,
  families: open.families,
  cases: open.cases,
  length_class: lengthClassOf(open.from, until),
});

const CASELOAD_COLUMNS = new Set<string>(['valid_from', 'valid_until', 'measure_active', 'protector_ref', 'family_ref']);

/** The protectors whose spans a write of segments may have changed: those its changed rows name, before or after. */
export function protectorsWithCaseloadChanges(diff: RowDiff<object>): Set<string> {
  const protectors = new Set<string>();
  const add = (row: Record<string, unknown>) => {
    if (Number(row.measure_active) === 1 && typeof row.protector_ref === 'string') protectors.add(row.protector_ref);
  };
  for (const row of diff.deleted) add(row);
  for (const row of diff.inserted as Array<Record<string, unknown>>) add(row);
  for (const { row, old, changed } of diff.updated as Array<{ row: Record<string, unknown>; old: Record<string, unknown>; changed: string[] }>) {
    if (!changed.some((column) => CASELOAD_COLUMNS.has(column))) continue;
    add(row);
    add(old);
  }
  return protectors;
}

/** The protectors' spans as a table derived from the segments (derived-from-segments.ts). */
const PROTECTOR_CASELOAD_SPANS: SegmentDerivedTable<'protector_caseload_spans', CaseloadSpanRow, ProtectorSegment> = {
  insert: {
    table: 'protector_caseload_spans',
    columns: ['protector_ref', 'valid_from', 'valid_until', 'families', 'cases', 'length_class'],
    pgTypes: ['text', 'text', 'text', 'integer', 'integer', 'integer'],
  },
  owner: 'protector_ref',
  segmentCondition: PROTECTOR_SEGMENT,
  segmentColumns: PROTECTOR_SEGMENT_COLUMNS,
  derive: caseloadSpans,
  key: ['protector_ref', 'valid_from'],
  // length_class follows from the dates.
  identity: (row) => `${row.protector_ref}\u0000${row.valid_from}\u0000${row.valid_until ?? ''}\u0000${Number(row.families)}\u0000${Number(row.cases)}`,
};

/** Derives these protectors' spans again from their active segments and writes the difference. */
export const refreshProtectorCaseloads = (db: Kysely<ReadModelSchema>, protectorRefs: Iterable<string>): Promise<void> =>
  refreshDerivedRows(db, PROTECTOR_CASELOAD_SPANS, protectorRefs);

/**
 * Fills the emptied table from every active segment with a protector, in protector order: after a rebuild in
 * stream order, which writes case by case and leaves the spans, which span a protector's cases, to this one pass;
 * and when migration 0015 adds the table.
 */
export const fillProtectorCaseloadSpans = (db: Kysely<ReadModelSchema>): Promise<number> => fillDerivedRows(db, PROTECTOR_CASELOAD_SPANS);
