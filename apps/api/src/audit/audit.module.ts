import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessLogModule } from './access-log/access-log.module';
import { CaseHistoryController } from './case-history.controller';
import { GetCaseHistoryHandler } from './case-history.handler';
import { CaseIntegrityController } from './integrity/integrity.controller';
import { ExportCaseHandler, VerifyCaseChainHandler } from './integrity/integrity.handlers';

/**
 * The auditors' reads (issue 4): a case's bitemporal history, and its hash chain verified and exported. It
 * reads the event store directly (EVENT_STORE is global) and depends on nothing of the write side or the read
 * models. Every one of these reads, and GET /cases/{caseId} and the worklist, is access-logged (access-log/).
 */
@Module({
  imports: [CqrsModule, AccessLogModule],
  controllers: [CaseHistoryController, CaseIntegrityController],
  providers: [GetCaseHistoryHandler, VerifyCaseChainHandler, ExportCaseHandler],
})
export class AuditModule {}
