import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidV5 } from 'uuid';
import type { CommandContext } from '../request-context/command-context';
import { CaseStepRecorder, RecordedStep } from './case-step-recorder';
import type { ImposeMeasureDto } from './steps/impose-measure.dto';
import { stepData } from './steps/step-catalogue';
import type { MeasureImposedData } from '@app/domain';

/** Namespace for case ids derived from an Idempotency-Key (UUIDv5), so a retry lands on the same stream. */
const IDEMPOTENT_CASE_NAMESPACE = '2f0c6a3e-5b1d-4c8e-9a57-3d1f0e6b8c42';

export class ImposeMeasureCommand extends Command<RecordedStep> {
  constructor(
    readonly body: ImposeMeasureDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Opens a case. Without a caseId in the body the id is generated; with an Idempotency-Key it is derived from
 * the caller and the key, so that a retry of the same request finds the case its first attempt created.
 */
@CommandHandler(ImposeMeasureCommand)
export class ImposeMeasureHandler implements ICommandHandler<ImposeMeasureCommand, RecordedStep> {
  constructor(private readonly recorder: CaseStepRecorder) {}

  execute({ body, context }: ImposeMeasureCommand): Promise<RecordedStep> {
    const caseId = body.caseId ?? caseIdFor(context);
    const data = stepData('MeasureImposed', body, { caseId }) as MeasureImposedData;
    return this.recorder.record(caseId, { type: 'ImposeMeasure', data }, context);
  }
}

function caseIdFor(context: CommandContext): string {
  return context.idempotencyKey
    ? uuidV5(`${context.actor.sub}\n${context.idempotencyKey}`, IDEMPOTENT_CASE_NAMESPACE)
    : randomUUID();
}
