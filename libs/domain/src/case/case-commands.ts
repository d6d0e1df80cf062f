import type {
  BusinessDate,
  DeadlineAdvancedData,
  DeadlineExplainedData,
  GuardianAssignedData,
  HelpStartedData,
  MeasureEndedData,
  MeasureExtendedData,
  MeasureImposedData,
  PlanAgreedData,
  WaitlistedData,
  WaitlistLeftData,
  EntryCorrectedData,
  EntryRetractedData,
} from './case-events';

/**
 * What a youth protector asks the case to record. Commands are imperative; the events they produce are past
 * tense. Identifiers that the decider must not invent (caseId, waitlist entryId) arrive with the command, so
 * decide stays deterministic.
 */
export type CaseCommand =
  | { type: 'ImposeMeasure'; data: MeasureImposedData }
  | { type: 'AssignGuardian'; data: GuardianAssignedData }
  | { type: 'AgreePlan'; data: PlanAgreedData }
  | { type: 'StartHelp'; data: HelpStartedData }
  | { type: 'PlaceOnWaitlist'; data: WaitlistedData }
  | { type: 'LeaveWaitlist'; data: WaitlistLeftData }
  | { type: 'ExplainDeadline'; data: DeadlineExplainedData }
  | { type: 'AdvanceDeadline'; data: DeadlineAdvancedData }
  | { type: 'ExtendMeasure'; data: MeasureExtendedData }
  | { type: 'EndMeasure'; data: MeasureEndedData }
  | { type: 'CorrectEntry'; data: EntryCorrectedData }
  | { type: 'RetractEntry'; data: EntryRetractedData };

export type CaseCommandType = CaseCommand['type'];

/** What decide needs from the outside world, passed in so that decisions are reproducible in tests. */
export interface DecisionContext {
  /** Today's date in Europe/Amsterdam: no step may be dated after it. */
  today: BusinessDate;
}
