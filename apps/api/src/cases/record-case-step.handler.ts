import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CaseCommand } from '@app/domain';
import type { CommandContext } from '../request-context/command-context';
import { CaseStepRecorder, RecordedStep } from './case-step-recorder';

/** Any step on an existing case whose body maps straight onto a domain command. */
export class RecordCaseStepCommand extends Command<RecordedStep> {
  constructor(
    readonly caseId: string,
    readonly command: CaseCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordCaseStepCommand)
export class RecordCaseStepHandler implements ICommandHandler<RecordCaseStepCommand, RecordedStep> {
  constructor(private readonly recorder: CaseStepRecorder) {}

  execute({ caseId, command, context }: RecordCaseStepCommand): Promise<RecordedStep> {
    return this.recorder.record(caseId, command, context);
  }
}
