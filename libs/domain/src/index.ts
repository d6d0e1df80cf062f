/** The pure domain of case tracking: events, commands, state, the decider, dates and reference data. */
export * from './case/case-events';
export * from './case/case-commands';
export * from './case/domain-error';
export * from './case/domain-rules';
export * from './case/case-state';
export * from './case/decide';
export { auditEntries } from './case/decide-correction';
export * from './dates/business-date';
export * from './norms/standard-deadlines';
export * from './reference-data';
export { assertNever } from './shared/assert-never';
