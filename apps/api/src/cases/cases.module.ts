import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseStepRecorder } from './case-step-recorder';
import { CaseStepsController } from './case-steps.controller';
import { CaseStream } from './case-stream';
import { CorrectEntryHandler } from './correct-entry.handler';
import { CurrentCases } from './current-cases';
import { ImposeMeasureHandler } from './impose-measure.handler';
import { RecordCaseStepHandler } from './record-case-step.handler';
import { CaseQueriesController } from './queries/case-queries.controller';
import { GetCaseHandler } from './queries/get-case.handler';

const COMMAND_HANDLERS = [ImposeMeasureHandler, RecordCaseStepHandler, CorrectEntryHandler];
const QUERY_HANDLERS = [GetCaseHandler];

@Module({
  imports: [CqrsModule],
  controllers: [CaseStepsController, CaseQueriesController],
  providers: [CaseStream, CurrentCases, CaseStepRecorder, ...COMMAND_HANDLERS, ...QUERY_HANDLERS],
  exports: [CaseStream],
})
export class CasesModule {}
