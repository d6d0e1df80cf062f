import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseStepRecorder } from './case-step-recorder';
import { CaseStepsController } from './case-steps.controller';
import { CaseStream } from './case-stream';
import { CorrectEntryHandler } from './correct-entry.handler';
import { ImposeMeasureHandler } from './impose-measure.handler';
import { RecordCaseStepHandler } from './record-case-step.handler';

const COMMAND_HANDLERS = [ImposeMeasureHandler, RecordCaseStepHandler, CorrectEntryHandler];

@Module({
  imports: [CqrsModule],
  controllers: [CaseStepsController],
  providers: [CaseStream, CaseStepRecorder, ...COMMAND_HANDLERS],
  exports: [CaseStream],
})
export class CasesModule {}
