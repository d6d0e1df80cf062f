import type { BusinessDate, CaseEvent, CaseStepData, RecordedCaseEvent } from '../../case/case-events';
import { evaluateNorms } from '../evaluate-norms';
import type { NormFacts, NormVerdict, Timeliness } from '../norm-verdict';

/**
 * Helpers for the norm tables. The default case of case-fixtures: an OTS pronounced Mon 2021-03-01, the GI
 * notified Wed 2021-03-03. Under cao-jeugdzorg the protector is due Wed 2021-03-10 (5 working days), the
 * course Mon 2021-04-12 (+42 days) and help Tue 2021-06-01 (+3 months).
 */
export const PROTECTOR_DUE = '2021-03-10';
export const PLAN_DUE = '2021-04-12';
export const HELP_DUE = '2021-06-01';

/** Events without an id get 'e1', 'e2', ... by position, so corrections in a table can refer to them. */
export const stream = (...events: (CaseEvent | RecordedCaseEvent)[]): RecordedCaseEvent[] =>
  events.map((event, i) => ('eventId' in event ? event : { ...event, eventId: `e${i + 1}` }));

export const evaluate = (events: (CaseEvent | RecordedCaseEvent)[], on: BusinessDate): Timeliness =>
  evaluateNorms(stream(...events), on);

export const corrected = (correctsEventId: string, data: CaseStepData): CaseEvent => ({
  type: 'EntryCorrected',
  data: { correctsEventId, reason: 'Recorded wrongly.', data },
});

export const retracted = (retractsEventId: string): CaseEvent => ({
  type: 'EntryRetracted',
  data: { retractsEventId, reason: 'Recorded on the wrong case.' },
});

/** What a table row expects of a verdict: any of its fields, and any of its facts. */
export type ExpectedVerdict<F extends NormFacts> = Partial<Omit<NormVerdict<F>, 'facts'>> & { facts?: Partial<F> };
