import { type Kysely, sql } from 'kysely';
import { insertRows, valuesOf } from '../database/bulk-insert';
import type { ProtectorCaseloadSpanTable, ReadModelSchema } from '../database/read-model-schema';
import { lengthClassOf } from '../database/segment-length-classes';
import { dialectOf } from '../kpi-aggregates';
import { fillDerivedRows, groupByOwner, type SegmentDerivedTable } from './derived-from-segments';
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
  const changes = countChangesByDay(segments.map((segment) => ({ segment, sign: 1 })));
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

/**
 * The protectors whose counts a write of segments changed, each with the first day on which they changed. A
 * row the write removed (deleted, or an update's old version) takes its days away from its protector and
 * family, a row it added gives them; most writes only split or join segments, or change verdicts, and move no
 * count at all, so only a protector whose family or case count differs on some day is named, from the first
 * such day (the spans before it stand).
 */
export function protectorsWithCaseloadChanges(diff: RowDiff<object>): Map<string, string> {
  const changes = new Map<string, Array<{ segment: ProtectorSegment; sign: number }>>();
  const add = (row: Record<string, unknown>, sign: number) => {
    if (Number(row.measure_active) !== 1 || typeof row.protector_ref !== 'string') return;
    let ofProtector = changes.get(row.protector_ref);
    if (!ofProtector) changes.set(row.protector_ref, (ofProtector = []));
    const segment = { ...(row as unknown as ProtectorSegment), family_ref: typeof row.family_ref === 'string' ? row.family_ref : null, valid_until: (row.valid_until as string | null | undefined) ?? null };
    ofProtector.push({ segment, sign });
  };
  for (const row of diff.deleted) add(row, -1);
  for (const row of diff.inserted as Array<Record<string, unknown>>) add(row, 1);
  for (const { row, old, changed } of diff.updated as Array<{ row: Record<string, unknown>; old: Record<string, unknown>; changed: string[] }>) {
    if (!changed.some((column) => CASELOAD_COLUMNS.has(column))) continue;
    add(old, -1);
    add(row, 1);
  }
  const firstChanged = new Map<string, string>();
  for (const [protector, rows] of changes) {
    const day = firstDayCountsDiffer(rows);
    if (day !== undefined) firstChanged.set(protector, day);
  }
  return firstChanged;
}

/** The first day on which the rows given and taken leave some family's (or the family-less cases') count changed. */
function firstDayCountsDiffer(rows: ReadonlyArray<{ segment: ProtectorSegment; sign: number }>): string | undefined {
  const byDay = countChangesByDay(rows);
  const net = new Map<string | null, number>();
  for (const day of [...byDay.keys()].sort()) {
    for (const { family, delta } of byDay.get(day)!) net.set(family, (net.get(family) ?? 0) + delta);
    for (const value of net.values()) if (value !== 0) return day;
  }
  return undefined;
}

/** How each family's count of segments changes, by day: +sign where a segment begins, -sign where it ends. */
function countChangesByDay(rows: Iterable<{ segment: ProtectorSegment; sign: number }>): Map<string, Array<{ family: string | null; delta: number }>> {
  const byDay = new Map<string, Array<{ family: string | null; delta: number }>>();
  const change = (day: string, family: string | null, delta: number) => {
    let onDay = byDay.get(day);
    if (!onDay) byDay.set(day, (onDay = []));
    onDay.push({ family, delta });
  };
  for (const { segment, sign } of rows) {
    change(segment.valid_from, segment.family_ref, sign);
    if (segment.valid_until !== null) change(segment.valid_until, segment.family_ref, -sign);
  }
  return byDay;
}

/**
 * A protector's spans from day `from` on, after a change that moved its counts only on those days: they replace
 * `stored`, its spans that reach `from` (valid_until null or on or after it). The one of those that began before
 * `from` keeps its days before it; the spans from `from` on are derived from `segments`, which must hold every
 * active segment of the protector that reaches past `from` (any more change only days before it, which are
 * dropped); and the two join where the counts on `from` are those of the day before.
 */
export function spansFrom(
  protectorRef: string,
  from: string,
  stored: readonly CaseloadSpanRow[],
  segments: readonly ProtectorSegment[],
): CaseloadSpanRow[] {
  const derived = caseloadSpans(protectorRef, segments)
    .filter((span) => span.valid_until === null || span.valid_until > from)
    .map((span) => (span.valid_from < from ? withDates(span, from, span.valid_until) : span));
  const before = stored.find((span) => span.valid_from < from);
  if (!before) return derived;
  const [first] = derived;
  if (first?.valid_from === from && first.families === Number(before.families) && first.cases === Number(before.cases)) {
    return [withDates(before, before.valid_from, first.valid_until), ...derived.slice(1)];
  }
  return [withDates(before, before.valid_from, from), ...derived];
}

const withDates = (span: CaseloadSpanRow, from: string, until: string | null): CaseloadSpanRow => ({
  protector_ref: span.protector_ref,
  valid_from: from,
  valid_until: until,
  families: Number(span.families),
  cases: Number(span.cases),
  length_class: lengthClassOf(from, until),
});

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
};

// length_class follows from the dates.
const identity = (row: CaseloadSpanRow): string =>
  `${row.protector_ref}\u0000${row.valid_from}\u0000${row.valid_until ?? ''}\u0000${Number(row.families)}\u0000${Number(row.cases)}`;

/** Protectors per IN (...) list, well under both dialects' parameter limits. */
const PROTECTORS_PER_QUERY = 500;

/**
 * Derives these protectors' spans again, each from the day given on (protectorsWithCaseloadChanges), and writes
 * the difference. Only the segments and spans that reach that day are read: for a command today, the current
 * caseload instead of ten years of it (reading every row of a protector was most of the projection's added
 * time after a burst of commands).
 */
export async function refreshProtectorCaseloads(db: Kysely<ReadModelSchema>, changedFrom: ReadonlyMap<string, string>): Promise<void> {
  const protectors = [...changedFrom.keys()];
  for (let start = 0; start < protectors.length; start += PROTECTORS_PER_QUERY) {
    await refreshChunk(db, protectors.slice(start, start + PROTECTORS_PER_QUERY), changedFrom);
  }
}

async function refreshChunk(db: Kysely<ReadModelSchema>, protectors: readonly string[], changedFrom: ReadonlyMap<string, string>): Promise<void> {
  const earliest = protectors.map((protector) => changedFrom.get(protector)!).reduce((a, b) => (a < b ? a : b));
  const segments = await db
    .selectFrom('case_status_segments')
    .select([...PROTECTOR_SEGMENT_COLUMNS])
    .where(sql.raw<boolean>(PROTECTOR_SEGMENT))
    .where('protector_ref', 'in', protectors)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', earliest)]))
    .execute();
  const stored = await db
    .selectFrom('protector_caseload_spans')
    .selectAll()
    .where('protector_ref', 'in', protectors)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', earliest)]))
    .execute();
  const gone: CaseloadSpanRow[] = [];
  const wanted: CaseloadSpanRow[] = [];
  const segmentsOf = groupByOwner('protector_ref', protectors, segments);
  const storedOf = groupByOwner('protector_ref', protectors, stored);
  for (const protector of protectors) {
    const from = changedFrom.get(protector)!;
    const reaching = storedOf.get(protector)!.filter((span) => span.valid_until === null || span.valid_until >= from);
    const next = new Map(spansFrom(protector, from, reaching, segmentsOf.get(protector)!).map((span) => [identity(span), span]));
    for (const span of reaching) if (!next.delete(identity(span))) gone.push(span);
    wanted.push(...next.values());
  }
  for (const span of gone) {
    await db.deleteFrom('protector_caseload_spans').where('protector_ref', '=', span.protector_ref).where('valid_from', '=', span.valid_from).execute();
  }
  await insertRows(db, dialectOf(db), PROTECTOR_CASELOAD_SPANS.insert, wanted.map((span) => valuesOf(PROTECTOR_CASELOAD_SPANS.insert, span)));
}

/**
 * Fills the emptied table from every active segment with a protector, in protector order: after a rebuild in
 * stream order, which writes case by case and leaves the spans, which span a protector's cases, to this one pass;
 * and when migration 0015 adds the table.
 */
export const fillProtectorCaseloadSpans = (db: Kysely<ReadModelSchema>): Promise<number> => fillDerivedRows(db, PROTECTOR_CASELOAD_SPANS);
