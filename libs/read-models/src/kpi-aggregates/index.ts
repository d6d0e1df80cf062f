export * from './kpi-aggregate';
export * from './kpi-aggregates';
export { CASE_INFLOW_DAYS } from './case-inflow-days';
export { LATE_REGISTRATION_AFTER_DAYS, STEP_LAG_DAYS } from './step-lag-days';
export { ACTIVE_MEASURE_DELTAS } from './active-measure-deltas';
export { WAITING_CHILD_DELTAS } from './waiting-child-deltas';
