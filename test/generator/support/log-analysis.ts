import {
  type BusinessDate,
  type CaseState,
  compliance,
  emptyNormStateCounts,
  evaluateNorms,
  evolve,
  initialCaseState,
  NORM_KEYS,
  type NormKey,
  type NormStateCounts,
  type RecordedCaseEvent,
} from '@app/domain';
import type { GeneratedEvent } from '@app/case-generator';

/** The cases of a generated log, folded by the domain: what the norm engine and the checks below look at. */
export interface FoldedCase {
  caseId: string;
  state: CaseState;
  events: number;
}

export function foldGenerated(events: Iterable<GeneratedEvent>): Map<string, FoldedCase> {
  const cases = new Map<string, FoldedCase>();
  for (const { caseId, event } of events) {
    const folded = cases.get(caseId) ?? { caseId, state: initialCaseState, events: 0 };
    folded.state = evolve(folded.state, { type: event.type, data: event.data, eventId: event.eventId } as RecordedCaseEvent);
    folded.events += 1;
    cases.set(caseId, folded);
  }
  return cases;
}

/**
 * Verdict counts per norm, by the real norm engine, over the measures pronounced in [from, to], each judged as
 * of `asOf` - what GET /kpi/timeliness answers - with the BRIEF's percentMet beside them.
 */
export function timelinessOf(
  cases: Iterable<FoldedCase>,
  from: BusinessDate,
  to: BusinessDate,
  asOf: BusinessDate,
): Record<NormKey, NormStateCounts & { percentMet: number | null }> {
  const counts = Object.fromEntries(NORM_KEYS.map((key) => [key, emptyNormStateCounts()])) as Record<NormKey, NormStateCounts>;
  for (const { state } of cases) {
    const pronouncedOn = state.pronouncedOn;
    if (pronouncedOn === undefined || pronouncedOn < from || pronouncedOn > to) continue;
    const verdicts = evaluateNorms(state, asOf);
    for (const key of NORM_KEYS) counts[key][verdicts[key].state] += 1;
  }
  return Object.fromEntries(
    NORM_KEYS.map((key) => [key, { ...counts[key], percentMet: compliance(counts[key]).percentMet }]),
  ) as Record<NormKey, NormStateCounts & { percentMet: number | null }>;
}
