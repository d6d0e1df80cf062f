import { Global, Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller';
import { AccessLogger } from './access-logger';

/** The access log: global, so that every module with a case-level read (cases, audit) can log it. */
@Global()
@Module({
  controllers: [AccessLogController],
  providers: [AccessLogger],
  exports: [AccessLogger],
})
export class AccessLogModule {}
