import type { BusinessDate, RecordedCaseEvent } from '../case/case-events';
import { isCaseEventType } from '../case/case-events';
import { findEntry, foldCase, type CaseState } from '../case/case-state';
import { isOnOrBefore, isValidBusinessDate } from '../dates/business-date';
import { stepDate } from '../norms/case-as-of';
import { evaluateNorms } from '../norms/evaluate-norms';
import type { Timeliness } from '../norms/norm-verdict';
import { isValidInstant, knownBy } from './instant';

/**
 * The bitemporal view of one case stream, for auditors: "what had happened by business date asOf, as it was
 * known at instant knownAt". The rules, applied in this order:
 *
 * 1. Knowledge time. Only events whose metadata.recordedAt <= knownAt (null knownAt: the whole log). This cut
 *    comes first, because it decides what the step dates even were at that moment: a correction recorded after
 *    knownAt was not known then, so the date it sets was not known either.
 * 2. Business time. A step (any event but a correction or retraction) is kept when its effective business date -
 *    its date after the corrections known at knownAt (case-as-of's stepDate) - is on or before asOf. So a step
 *    first recorded as 20 April and corrected to 9 April counts as of 10 April once the correction is known, and
 *    not before; a step moved past asOf by a correction drops out. An undated DeadlineAdvanced is kept whenever
 *    it was recorded, as the norm engine counts it (a judgement about the case, not a step in time).
 * 3. Corrections and retractions follow the step they affect: kept exactly when that step is kept, however much
 *    later they were recorded (knownAt permitting). They say what is known about a step that happened by asOf;
 *    leaving them out would show the wrong data for a step that is shown. A retracted step stays visible with
 *    its retraction, and the fold drops it from state and timeliness.
 * 4. An event of a type this version does not know is kept when known (an auditor must see everything in the
 *    log) but cannot be dated in business time and is not folded.
 *
 * State and timeliness are folded from exactly the kept events and judged as of asOf by the same norm engine
 * as GET /cases/{id} and the read models. The engine's own "dated on or before D" rule then agrees with rule 2.
 */
export interface HistoryEvent {
  eventId: string;
  type: string;
  data: unknown;
  /** metadata.recordedAt: an ISO timestamp (server clock). */
  recordedAt: unknown;
}

export interface BitemporalSelection<E extends HistoryEvent> {
  /** The kept events, in log order. */
  events: E[];
  /** The case folded from exactly the kept events. */
  state: CaseState;
  timeliness: Timeliness;
}

export const asCaseEvent = (event: HistoryEvent): RecordedCaseEvent =>
  ({ eventId: event.eventId, type: event.type, data: event.data }) as RecordedCaseEvent;

/** The event a correction or retraction affects; undefined for every other event. */
export function affectedEventId(event: Pick<HistoryEvent, 'type' | 'data'>): string | undefined {
  const data = event.data as { correctsEventId?: unknown; retractsEventId?: unknown } | null;
  if (event.type === 'EntryCorrected' && typeof data?.correctsEventId === 'string') return data.correctsEventId;
  if (event.type === 'EntryRetracted' && typeof data?.retractsEventId === 'string') return data.retractsEventId;
  return undefined;
}

const isAmendment = (type: string): boolean => type === 'EntryCorrected' || type === 'EntryRetracted';

export function selectBitemporal<E extends HistoryEvent>(
  events: readonly E[],
  { asOf, knownAt }: { asOf: BusinessDate; knownAt: string | null },
): BitemporalSelection<E> {
  if (!isValidBusinessDate(asOf)) throw new RangeError(`Not a business date (YYYY-MM-DD): ${String(asOf)}`);
  if (knownAt !== null && !isValidInstant(knownAt)) throw new RangeError(`Not an ISO 8601 instant with a zone: ${knownAt}`);

  const known = events.filter((event) => knownBy(event.recordedAt, knownAt));
  const knownState = foldCase(known.filter((event) => isCaseEventType(event.type)).map(asCaseEvent));

  const keptSteps = new Set<string>();
  const kept = known.filter((event) => {
    if (!isCaseEventType(event.type)) return true;
    if (isAmendment(event.type)) {
      const target = affectedEventId(event);
      return target !== undefined && keptSteps.has(target);
    }
    const entry = findEntry(knownState, event.eventId);
    const on = entry ? stepDate(entry) : undefined;
    const happened = entry !== undefined && (on === undefined || isOnOrBefore(on, asOf));
    if (happened) keptSteps.add(event.eventId);
    return happened;
  });

  const state = foldCase(kept.filter((event) => isCaseEventType(event.type)).map(asCaseEvent));
  return { events: kept, state, timeliness: evaluateNorms(state, asOf) };
}

/** For each correction or retraction, the eventId and type of the event it affects, looked up in `all`. */
export function affectsOf(all: readonly Pick<HistoryEvent, 'eventId' | 'type' | 'data'>[]): Map<string, { eventId: string; type: string }> {
  const typeById = new Map(all.map((event) => [event.eventId, event.type]));
  const affects = new Map<string, { eventId: string; type: string }>();
  for (const event of all) {
    const target = affectedEventId(event);
    const type = target === undefined ? undefined : typeById.get(target);
    if (target !== undefined && type !== undefined) affects.set(event.eventId, { eventId: target, type });
  }
  return affects;
}
