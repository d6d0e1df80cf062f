import type { ClassConstructor } from 'class-transformer';
import type { CaseStepData, CaseStepEventType } from '@app/domain';
import { AdvanceDeadlineDto } from './advance-deadline.dto';
import { AgreePlanDto } from './agree-plan.dto';
import { AssignGuardianDto } from './assign-guardian.dto';
import { EndMeasureDto } from './end-measure.dto';
import { ExplainDeadlineDto } from './explain-deadline.dto';
import { ExtendMeasureDto } from './extend-measure.dto';
import { ImposeMeasureDto } from './impose-measure.dto';
import { LeaveWaitlistDto } from './leave-waitlist.dto';
import { PlaceOnWaitlistDto } from './place-on-waitlist.dto';
import { StartHelpDto } from './start-help.dto';

/**
 * Which request body describes each kind of case step. A correction's data is validated with the same class
 * as the step it corrects, so a corrected entry obeys exactly the rules of an original one.
 */
export const STEP_BODIES: Record<CaseStepEventType, ClassConstructor<object>> = {
  MeasureImposed: ImposeMeasureDto,
  GuardianAssigned: AssignGuardianDto,
  PlanAgreed: AgreePlanDto,
  HelpStarted: StartHelpDto,
  Waitlisted: PlaceOnWaitlistDto,
  WaitlistLeft: LeaveWaitlistDto,
  DeadlineExplained: ExplainDeadlineDto,
  DeadlineAdvanced: AdvanceDeadlineDto,
  MeasureExtended: ExtendMeasureDto,
  MeasureEnded: EndMeasureDto,
};

/** Identifiers a step's data holds that the client does not send: the shell fills them in. */
export interface StepIdentifiers {
  caseId: string;
  entryId?: string;
}

/** A validated body as the event's data: defaults applied, identifiers filled in, no class prototype. */
export function stepData(type: CaseStepEventType, body: object, ids: StepIdentifiers): CaseStepData {
  const data: Record<string, unknown> = JSON.parse(JSON.stringify(body));
  switch (type) {
    case 'MeasureImposed':
      return { ...data, caseId: data.caseId ?? ids.caseId } as CaseStepData;
    case 'HelpStarted':
      return { ...data, bridging: data.bridging ?? false } as CaseStepData;
    case 'Waitlisted':
      return { ...data, entryId: ids.entryId } as CaseStepData;
    case 'GuardianAssigned':
    case 'PlanAgreed':
    case 'WaitlistLeft':
    case 'DeadlineExplained':
    case 'DeadlineAdvanced':
    case 'MeasureExtended':
    case 'MeasureEnded':
      return data as unknown as CaseStepData;
    default: {
      const unreachable: never = type;
      throw new Error(`unknown step type ${String(unreachable)}`);
    }
  }
}
