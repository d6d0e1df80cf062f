/** The pure domain of case tracking: events, commands, state, decider, norms, calendars, dates, reference data. */
export * from './case/case-events';
export * from './case/case-commands';
export * from './case/domain-error';
export * from './case/domain-rules';
export * from './case/case-state';
export * from './case/decide';
export { auditEntries } from './case/decide-correction';
export * from './dates/business-date';
export * from './norms/standard-deadlines';
export * from './calendar/calendar-policy';
export * from './calendar/cao-jeugdzorg';
export * from './calendar/calendar-policies';
export * from './norms/norm-verdict';
export { evaluateNorms } from './norms/evaluate-norms';
export {
  caseStatusAt,
  caseTimeline,
  segmentAt,
  TIMELINE_START,
  type CaseStatus,
  type CaseStatusSegment,
  type HelpWaitlistStatus,
} from './norms/case-timeline';
export { PROTECTOR_WORKING_DAYS } from './norms/protector-norms';
export { SUPPORTING_PARTICIPANTS, isSupportedPlan } from './norms/plan-norm';
export * from './reference-data';
export { assertNever } from './shared/assert-never';
export { stepDate } from './norms/case-as-of';
