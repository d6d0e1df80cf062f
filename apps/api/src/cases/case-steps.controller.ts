import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CaseCommand } from '@app/domain';
import { AllowRoles } from '../auth/roles.decorator';
import { CommandProblemResponses, ProblemDetailsSchema } from '../problem-details/problem.schema';
import { CommandCtx, type CommandContext } from '../request-context/command-context';
import type { RecordedStep } from './case-step-recorder';
import { CaseIdParam } from './case-id.param';
import { CorrectEntryCommand } from './correct-entry.handler';
import { ImposeMeasureCommand } from './impose-measure.handler';
import { RecordCaseStepCommand } from './record-case-step.handler';
import { StepRecordedResponse, WaitlistEntryRecordedResponse } from './step-recorded.response';
import { AdvanceDeadlineDto } from './steps/advance-deadline.dto';
import { AgreePlanDto } from './steps/agree-plan.dto';
import { AssignGuardianDto } from './steps/assign-guardian.dto';
import { CorrectEntryDto } from './steps/correct-entry.dto';
import { EndMeasureDto } from './steps/end-measure.dto';
import { ExplainDeadlineDto } from './steps/explain-deadline.dto';
import { ExtendMeasureDto } from './steps/extend-measure.dto';
import { ImposeMeasureDto } from './steps/impose-measure.dto';
import { LeaveWaitlistDto } from './steps/leave-waitlist.dto';
import { PlaceOnWaitlistDto } from './steps/place-on-waitlist.dto';
import { RetractEntryDto } from './steps/retract-entry.dto';
import { stepData } from './steps/step-catalogue';
import { StartHelpDto } from './steps/start-help.dto';

const plain = <T>(body: object): T => JSON.parse(JSON.stringify(body)) as T;

/** The write side: each route validates its body, then hands a command to the command bus. */
@ApiTags('case steps')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'Case version the command is based on; 409 if stale' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key appends nothing' })
@ApiExtraModels(ProblemDetailsSchema)
@CommandProblemResponses()
@AllowRoles('protector', 'admin')
@Controller('cases')
export class CaseStepsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'A judge imposed a measure: open a case (MeasureImposed)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  async imposeMeasure(@Body() body: ImposeMeasureDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const recorded = await this.commands.execute(new ImposeMeasureCommand(body, ctx));
    res.location(`/cases/${recorded.caseId}`);
    return respond(res, recorded);
  }

  @Post(':caseId/guardian-assignments')
  @HttpCode(201)
  @ApiOperation({ summary: 'A youth protector is assigned (GuardianAssigned)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  assignGuardian(@CaseIdParam() caseId: string, @Body() body: AssignGuardianDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.step(res, caseId, { type: 'AssignGuardian', data: plain(body) }, ctx);
  }

  @Post(':caseId/plans')
  @HttpCode(201)
  @ApiOperation({ summary: 'A plan is agreed (PlanAgreed; gedragen koers)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  agreePlan(@CaseIdParam() caseId: string, @Body() body: AgreePlanDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.step(res, caseId, { type: 'AgreePlan', data: plain(body) }, ctx);
  }

  @Post(':caseId/help-starts')
  @HttpCode(201)
  @ApiOperation({ summary: 'Help started (HelpStarted)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  startHelp(@CaseIdParam() caseId: string, @Body() body: StartHelpDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.step(res, caseId, { type: 'StartHelp', data: stepData('HelpStarted', body, { caseId }) as never }, ctx);
  }

  @Post(':caseId/waitlist-entries')
  @HttpCode(201)
  @ApiOperation({ summary: 'The child or family is placed on a waiting list (Waitlisted)' })
  @ApiCreatedResponse({ type: WaitlistEntryRecordedResponse })
  async placeOnWaitlist(@CaseIdParam() caseId: string, @Body() body: PlaceOnWaitlistDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const data = stepData('Waitlisted', body, { caseId, entryId: randomUUID() });
    const recorded = await this.commands.execute(new RecordCaseStepCommand(caseId, { type: 'PlaceOnWaitlist', data: data as never }, ctx));
    // On an idempotent replay the entry id is the one first recorded, not the one generated just now.
    return { ...respond(res, recorded), entryId: (recorded.data as { entryId: string }).entryId };
  }

  @Post(':caseId/waitlist-exits')
  @HttpCode(201)
  @ApiOperation({ summary: 'A waiting-list entry ends (WaitlistLeft)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  leaveWaitlist(@CaseIdParam() caseId: string, @Body() body: LeaveWaitlistDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.step(res, caseId, { type: 'LeaveWaitlist', data: plain(body) }, ctx);
  }

  @Post(':caseId/explanations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Comply or explain: a missed deadline is explained (DeadlineExplained)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  explainDeadline(@CaseIdParam() caseId: string, @Body() body: ExplainDeadlineDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.step(res, caseId, { type: 'ExplainDeadline', data: plain(body) }, ctx);
  }

  @Post(':caseId/deadlines')
  @HttpCode(201)
  @ApiOperation({ summary: 'An earlier case-specific deadline is set (DeadlineAdvanced)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  advanceDeadline(@CaseIdParam() caseId: string, @Body() body: AdvanceDeadlineDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.step(res, caseId, { type: 'AdvanceDeadline', data: plain(body) }, ctx);
  }

  @Post(':caseId/extensions')
  @HttpCode(201)
  @ApiOperation({ summary: 'The measure is extended (MeasureExtended)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  extendMeasure(@CaseIdParam() caseId: string, @Body() body: ExtendMeasureDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.step(res, caseId, { type: 'ExtendMeasure', data: plain(body) }, ctx);
  }

  @Post(':caseId/end')
  @HttpCode(201)
  @ApiOperation({ summary: 'The measure ended (MeasureEnded)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  endMeasure(@CaseIdParam() caseId: string, @Body() body: EndMeasureDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.step(res, caseId, { type: 'EndMeasure', data: plain(body) }, ctx);
  }

  @Post(':caseId/corrections')
  @HttpCode(201)
  @ApiOperation({ summary: 'A wrong entry is corrected by a new event (EntryCorrected)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  async correctEntry(@CaseIdParam() caseId: string, @Body() body: CorrectEntryDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return respond(res, await this.commands.execute(new CorrectEntryCommand(caseId, body, ctx)));
  }

  @Post(':caseId/retractions')
  @HttpCode(201)
  @ApiOperation({ summary: 'A wrong entry is withdrawn by a new event (EntryRetracted)' })
  @ApiCreatedResponse({ type: StepRecordedResponse })
  retractEntry(@CaseIdParam() caseId: string, @Body() body: RetractEntryDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.step(res, caseId, { type: 'RetractEntry', data: plain(body) }, ctx);
  }

  private async step(res: Response, caseId: string, command: CaseCommand, ctx: CommandContext) {
    return respond(res, await this.commands.execute(new RecordCaseStepCommand(caseId, command, ctx)));
  }
}

function respond(res: Response, recorded: RecordedStep): StepRecordedResponse {
  res.setHeader('ETag', `"${recorded.version}"`);
  if (recorded.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return { caseId: recorded.caseId, eventId: recorded.eventId, version: recorded.version, position: recorded.position };
}
