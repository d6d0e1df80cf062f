export { AccessCtx, ACCESS_REASON_HEADER, parseAccessReason } from './access-context';
export { AccessLogger } from './access-logger';
export { AccessLogModule } from './access-log.module';
export * from './access-record';
