import type { Kysely, Transaction } from 'kysely';
import { isCaseEventType } from '@app/domain';
import { CASE_STREAM_PREFIX, type StoredEvent } from '@app/event-store';
import type { ReadModelSchema, ReadModelTableName } from '../database/read-model-schema';
import type { Projection } from '../runtime/projection';
import { parseCaseState } from './case-change';
import { type CaseBefore, type CaseFold, foldCaseEvent, startCaseFold, type StepRegistrationRow } from './case-fold';
import { caseRowsOf, type FreshCaseRowValues, freshCaseRowValues, insertFreshCaseRows, writeCaseRows } from './case-writes';
import { fillChildWaitingSpells, refreshChildWaitingSpells } from './child-waiting-spells';
import { fillProtectorCaseloadSpans, refreshProtectorCaseloads } from './protector-caseloads';

/**
 * The case read models: case_summaries (which also keeps each case's state, so the next event needs one row
 * read instead of the whole stream), case_waitlist_entries, step_registrations and case_status_segments, and
 * the children's waiting spells and the protectors' caseloads derived from the segments. All of them are written
 * from the same fold of the case's events in the same transaction, so they never disagree; and the same fold
 * serves one event, a batch, or a whole stream, so the live runner and a rebuild cannot drift apart.
 */
export class CaseProjection implements Projection {
  readonly name = 'case-read-models';
  readonly tables: readonly ReadModelTableName[] = [
    'case_summaries',
    'case_waitlist_entries',
    'step_registrations',
    'case_status_segments',
    'child_waiting_spells',
    'protector_caseload_spans',
  ];

  /** The fold reads metadata.recordedAt only (recordedAtOf). */
  readonly rebuildMetadataKeys = ['recordedAt'] as const;

  async apply(trx: Transaction<ReadModelSchema>, event: StoredEvent): Promise<void> {
    await this.applyBatch(trx, [event]);
  }

  /** Each case of the batch: its state read once, its events folded in order, its rows written once. */
  async applyBatch(trx: Transaction<ReadModelSchema>, events: readonly StoredEvent[]): Promise<void> {
    const byCase = groupByCase(events);
    if (byCase.size === 0) return;
    const before = await loadCases(trx, [...byCase.keys()]);
    const registered = await loadRegistrations(trx, byCase);
    const folds: CaseFold[] = [];
    for (const [caseId, caseEvents] of byCase) {
      const fold = startCaseFold(caseId, before.get(caseId));
      for (const event of caseEvents) foldCaseEvent(fold, event, (eventId) => registered.get(caseId)?.get(eventId));
      folds.push(fold);
    }
    const { waitingChanged, caseloadChanged } = await writeCaseRows(trx, folds.map(caseRowsOf));
    await refreshChildWaitingSpells(trx, childrenOf(folds.filter((fold) => waitingChanged.has(fold.caseId))));
    await refreshProtectorCaseloads(trx, caseloadChanged);
  }

  /** Whole case streams into empty tables: nothing to read first, only rows to insert. */
  async rebuildStreams(trx: Transaction<ReadModelSchema>, streams: readonly (readonly StoredEvent[])[]): Promise<void> {
    await this.writeRows(trx, this.rowsOfStreams(streams));
  }

  rowsOfStreams(streams: readonly (readonly StoredEvent[])[]): FreshCaseRowValues {
    const folds: CaseFold[] = [];
    for (const [caseId, caseEvents] of groupByCase(streams.flat())) {
      const fold = startCaseFold(caseId);
      for (const event of caseEvents) foldCaseEvent(fold, event);
      folds.push(fold);
    }
    return freshCaseRowValues(folds.map(caseRowsOf));
  }

  async writeRows(trx: Transaction<ReadModelSchema>, rows: unknown): Promise<void> {
    await insertFreshCaseRows(trx, rows as FreshCaseRowValues);
  }

  readonly workerModule = { file: __filename, exportName: 'CaseProjection' };

  /** A child's spells and a protector's caseload span cases, which came stream by stream: derived in one pass each once all are written. */
  async finishRebuild(trx: Transaction<ReadModelSchema>): Promise<void> {
    await fillChildWaitingSpells(trx);
    await fillProtectorCaseloadSpans(trx);
  }
}

/** The children of these cases: each case's child before and after its events (a correction may change it). */
function childrenOf(folds: readonly CaseFold[]): Set<string> {
  const children = new Set<string>();
  for (const { before, state } of folds) {
    if (before.childRef) children.add(before.childRef);
    if (state.childRef) children.add(state.childRef);
  }
  return children;
}

/** The case events of a batch by case, each case's in the order given (which is its stream's order). */
function groupByCase(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const byCase = new Map<string, StoredEvent[]>();
  for (const event of events) {
    if (!event.streamId.startsWith(CASE_STREAM_PREFIX) || !isCaseEventType(event.type)) continue;
    const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
    let caseEvents = byCase.get(caseId);
    if (!caseEvents) byCase.set(caseId, (caseEvents = []));
    caseEvents.push(event);
  }
  return byCase;
}

/** Ids per IN (...) list, well under both dialects' parameter limits. */
const IDS_PER_QUERY = 1000;

async function loadCases(db: Kysely<ReadModelSchema>, caseIds: readonly string[]): Promise<Map<string, CaseBefore>> {
  const cases = new Map<string, CaseBefore>();
  for (let start = 0; start < caseIds.length; start += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('case_summaries')
      .select(['case_id', 'state_json', 'recorded_first_at'])
      .where('case_id', 'in', caseIds.slice(start, start + IDS_PER_QUERY))
      .execute();
    for (const row of rows) {
      cases.set(row.case_id, { state: parseCaseState(row.state_json), recordedFirstAt: row.recorded_first_at });
    }
  }
  return cases;
}

/**
 * The registrations that the batch's corrections and retractions may change, by case: those of steps
 * registered before the batch (a step of the batch itself is found in its fold). Only the case's own count.
 */
async function loadRegistrations(
  db: Kysely<ReadModelSchema>,
  byCase: ReadonlyMap<string, readonly StoredEvent[]>,
): Promise<Map<string, Map<string, StepRegistrationRow>>> {
  // Looked up by the table's key (case_id, event_id): the target's own case, as only the case's own count.
  const targets: Array<{ caseId: string; eventId: string }> = [];
  for (const [caseId, events] of byCase) {
    for (const event of events) {
      const data = event.data as { correctsEventId?: unknown; retractsEventId?: unknown };
      const target = event.type === 'EntryCorrected' ? data.correctsEventId : event.type === 'EntryRetracted' ? data.retractsEventId : undefined;
      if (typeof target === 'string') targets.push({ caseId, eventId: target });
    }
  }
  const byCaseId = new Map<string, Map<string, StepRegistrationRow>>();
  for (let start = 0; start < targets.length; start += IDS_PER_QUERY) {
    const chunk = targets.slice(start, start + IDS_PER_QUERY);
    const rows = await db
      .selectFrom('step_registrations')
      .selectAll()
      .where('case_id', 'in', [...new Set(chunk.map((t) => t.caseId))])
      .where('event_id', 'in', chunk.map((t) => t.eventId))
      .execute();
    for (const row of rows) {
      let rowsOfCase = byCaseId.get(row.case_id);
      if (!rowsOfCase) byCaseId.set(row.case_id, (rowsOfCase = new Map()));
      rowsOfCase.set(row.event_id, { ...row, retracted: row.retracted ? 1 : 0 });
    }
  }
  return byCaseId;
}
