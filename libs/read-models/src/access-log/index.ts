export * from './case-accessed';
export { AccessRecordsProjection, accessRecordRow } from './access-records.projection';
export * from './access-records.query';
export { accessRecordsRunner } from './access-records.runner';
