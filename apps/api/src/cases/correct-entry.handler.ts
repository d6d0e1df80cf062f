import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { type CaseCommand, type CaseStepEventType, findEntry } from '@app/domain';
import { ProblemException } from '../problem-details/problem';
import { VALIDATION_OPTIONS, flattenValidationErrors, validationProblem } from '../problem-details/validation';
import type { CommandContext } from '../request-context/command-context';
import { CaseStepRecorder, RecordedStep } from './case-step-recorder';
import type { CurrentCase } from './current-case';
import type { CorrectEntryDto } from './steps/correct-entry.dto';
import { STEP_BODIES, stepData } from './steps/step-catalogue';

export class CorrectEntryCommand extends Command<RecordedStep> {
  constructor(
    readonly caseId: string,
    readonly body: CorrectEntryDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A correction's data can only be validated once the case is loaded: its type is the corrected entry's type. */
@CommandHandler(CorrectEntryCommand)
export class CorrectEntryHandler implements ICommandHandler<CorrectEntryCommand, RecordedStep> {
  constructor(private readonly recorder: CaseStepRecorder) {}

  execute({ caseId, body, context }: CorrectEntryCommand): Promise<RecordedStep> {
    return this.recorder.record(caseId, (loaded) => correctionCommand(loaded, body, context), context);
  }
}

function correctionCommand(loaded: CurrentCase, body: CorrectEntryDto, context: CommandContext): CaseCommand {
  const entry = findEntry(loaded.state, body.correctsEventId);
  if (!entry) {
    // Let the decider refuse it with its own code; the data cannot be typed without the entry.
    return { type: 'CorrectEntry', data: { correctsEventId: body.correctsEventId, reason: body.reason, data: body.data as never } };
  }
  const type = entry.type as CaseStepEventType;
  const corrected = plainToInstance(STEP_BODIES[type], body.data);
  const errors = validateSync(corrected, VALIDATION_OPTIONS);
  if (errors.length > 0) throw validationProblem(flattenValidationErrors(errors, 'data'));
  // A waitlist entry keeps its id: the body may not name one (the Waitlisted body has no entryId).
  const entryId = type === 'Waitlisted' ? (entry.data as { entryId: string }).entryId : undefined;
  const data = stepData(type, corrected, { caseId: loaded.caseId, entryId });
  refuseInstitutionChange(loaded, data, context);
  return {
    type: 'CorrectEntry',
    data: { correctsEventId: body.correctsEventId, reason: body.reason, data },
  };
}

/**
 * Correcting the institution moves the case out of the protector's own reach and into another GI's: a transfer
 * between institutions is an admin's decision, not a protector's correction.
 */
function refuseInstitutionChange(loaded: CurrentCase, data: object, context: CommandContext): void {
  const institution = (data as { institution?: string }).institution;
  if (institution === undefined || institution === loaded.state.institution || context.actor.role === 'admin') return;
  throw ProblemException.of('forbidden', {
    detail: 'Only an admin can move a case to another institution.',
    errors: [{ field: 'data.institution', rule: 'forbidden', message: 'the institution of a case can only be changed by an admin' }],
  });
}
