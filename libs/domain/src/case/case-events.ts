/**
 * The events of a case stream (one child, one measure). Business dates are calendar dates (YYYY-MM-DD,
 * Europe/Amsterdam) and live in the data; when an event was recorded, and by whom, lives in its metadata,
 * so the log is bitemporal.
 *
 * Every event type has a schema version (EVENT_SCHEMA_VERSIONS). A change to an event's data shape bumps its
 * version; old versions stay readable through upcasting in evolve.
 */

/** A calendar date, YYYY-MM-DD. */
export type BusinessDate = string;

export const INSTITUTIONS = ['JBRR', 'LJR', 'WSS'] as const;
/** A certified institution (GI, gecertificeerde instelling). */
export type Institution = (typeof INSTITUTIONS)[number];

export const MEASURE_TYPES = ['OTS', 'VOORLOPIGE_OTS', 'VOOGDIJ', 'VOORLOPIGE_VOOGDIJ', 'JEUGDRECLASSERING'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const ASSIGNMENT_REASONS = ['INITIAL', 'PLANNED_HANDOVER', 'TURNOVER', 'ILLNESS', 'OTHER'] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

export const PLAN_PARTICIPANTS = [
  'CHILD',
  'PARENTS',
  'NETWORK',
  'LOCAL_TEAM',
  'PROVIDER',
  'SCHOOL',
  'OTHER_PROFESSIONAL',
] as const;
export type PlanParticipant = (typeof PLAN_PARTICIPANTS)[number];

export const HELP_TYPES = [
  'A_PLEEGZORG',
  'B_OPNAME',
  'C_LANGDURIG_VERBLIJF',
  'D_OVERDAG',
  'E_AMBULANT',
  'F_CRISIS',
  'LOCAL_TEAM',
  'JEUGDZORGPLUS',
  'FORENSIC',
  'LTA',
  'OTHER',
] as const;
export type HelpType = (typeof HELP_TYPES)[number];

export const WAITING_FOR = ['PROTECTOR', 'HELP'] as const;
export type WaitingFor = (typeof WAITING_FOR)[number];

export const WAITLIST_REASONS = ['CAPACITY', 'BUDGET_CEILING', 'ADMISSION_STOP', 'AFTER_INTAKE', 'OTHER'] as const;
export type WaitlistReason = (typeof WAITLIST_REASONS)[number];

export const WAITLIST_OUTCOMES = ['HELP_STARTED', 'PROTECTOR_ASSIGNED', 'CANCELLED', 'REJECTED'] as const;
export type WaitlistOutcome = (typeof WAITLIST_OUTCOMES)[number];

export const EXPLAINABLE_NORMS = ['PROTECTOR', 'PLAN', 'HELP'] as const;
export type ExplainableNorm = (typeof EXPLAINABLE_NORMS)[number];

export const ADVANCEABLE_NORMS = ['PLAN', 'HELP'] as const;
export type AdvanceableNorm = (typeof ADVANCEABLE_NORMS)[number];

export const EXTENSION_REASONS = ['HELP_NOT_STARTED', 'GOALS_NOT_MET', 'OTHER'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];

/** Measure end reasons, from the regional indicators (seed 001, appendix 4). */
export const MEASURE_END_REASONS = [
  'OTS_LIFTED_EARLY',
  'OTS_NOT_EXTENDED',
  'AUTHORITY_ENDING_MEASURE',
  'CAME_OF_AGE',
  'TRANSFERRED_TO_FOSTER_PARENTS',
  'AUTHORITY_RESTORED',
  'TERM_EXPIRED',
  'LIFTED_EARLY',
  'RETURNED_TO_PROSECUTOR',
  'ADULT_PROBATION',
  'COURT_DECISION',
  'OTHER',
] as const;
export type MeasureEndReason = (typeof MEASURE_END_REASONS)[number];

/** A judge pronounced a measure (kinderbeschermingsmaatregel or jeugdreclassering); the case begins. */
export interface MeasureImposedData {
  caseId: string;
  childRef: string;
  familyRef: string;
  /** CBS code of the municipality that pays (woonplaatsbeginsel), e.g. GM0599. */
  municipalityCode: string;
  institution: Institution;
  measureType: MeasureType;
  pronouncedOn: BusinessDate;
  /** The day the GI was notified of the measure; the protector clock starts here. */
  giNotifiedOn: BusinessDate;
  endsOn?: BusinessDate;
}

/** A named youth protector (jeugdbeschermer) is linked to the child and family. */
export interface GuardianAssignedData {
  protectorRef: string;
  team?: string;
  assignedOn: BusinessDate;
  reason: AssignmentReason;
}

/** A course is agreed (gedragen koers); supported only when the child or the parents took part. */
export interface PlanAgreedData {
  agreedOn: BusinessDate;
  participants: PlanParticipant[];
  goals?: string[];
}

/** Help started. Bridging help (overbruggingshulp) does not count as appropriate help. */
export interface HelpStartedData {
  startedOn: BusinessDate;
  helpType: HelpType;
  provider: string;
  bridging: boolean;
}

/** The child or family waits, for a protector (GI queue) or for help (provider). */
export interface WaitlistedData {
  /** Identifies this waiting-list entry; WaitlistLeft refers to it. */
  entryId: string;
  waitingFor: WaitingFor;
  since: BusinessDate;
  helpType?: HelpType;
  provider?: string;
  reason?: WaitlistReason;
}

export interface WaitlistLeftData {
  entryId: string;
  leftOn: BusinessDate;
  outcome: WaitlistOutcome;
  reason?: string;
}

/** Comply or explain: the reason a norm's deadline was (or will be) missed. */
export interface DeadlineExplainedData {
  norm: ExplainableNorm;
  explainedOn: BusinessDate;
  reason: string;
}

/** A case-specific deadline earlier than the standard one, judged necessary for the child's safety. */
export interface DeadlineAdvancedData {
  norm: AdvanceableNorm;
  deadline: BusinessDate;
  reason: string;
}

export interface MeasureExtendedData {
  extendedOn: BusinessDate;
  newEndsOn: BusinessDate;
  reason: ExtensionReason;
}

export interface MeasureEndedData {
  endedOn: BusinessDate;
  reason: MeasureEndReason;
}

/** A wrong entry is corrected by a new event carrying the full corrected data; the original stays in the log. */
export interface EntryCorrectedData {
  correctsEventId: string;
  reason: string;
  /** The corrected event's data in full, of the corrected event's type. */
  data: CaseStepData;
}

/** A wrong entry is withdrawn by a new event; the original stays in the log. */
export interface EntryRetractedData {
  retractsEventId: string;
  reason: string;
}

export type CaseEvent =
  | { type: 'MeasureImposed'; data: MeasureImposedData }
  | { type: 'GuardianAssigned'; data: GuardianAssignedData }
  | { type: 'PlanAgreed'; data: PlanAgreedData }
  | { type: 'HelpStarted'; data: HelpStartedData }
  | { type: 'Waitlisted'; data: WaitlistedData }
  | { type: 'WaitlistLeft'; data: WaitlistLeftData }
  | { type: 'DeadlineExplained'; data: DeadlineExplainedData }
  | { type: 'DeadlineAdvanced'; data: DeadlineAdvancedData }
  | { type: 'MeasureExtended'; data: MeasureExtendedData }
  | { type: 'MeasureEnded'; data: MeasureEndedData }
  | { type: 'EntryCorrected'; data: EntryCorrectedData }
  | { type: 'EntryRetracted'; data: EntryRetractedData };

export type CaseEventType = CaseEvent['type'];

/** The events that record a step of the case itself (everything but corrections and retractions). */
export type CaseStepEvent = Exclude<CaseEvent, { type: 'EntryCorrected' | 'EntryRetracted' }>;
export type CaseStepEventType = CaseStepEvent['type'];
export type CaseStepData = CaseStepEvent['data'];

export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** Current schema version of each event type's data. */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<CaseEventType, number>> = {
  MeasureImposed: 1,
  GuardianAssigned: 1,
  PlanAgreed: 1,
  HelpStarted: 1,
  Waitlisted: 1,
  WaitlistLeft: 1,
  DeadlineExplained: 1,
  DeadlineAdvanced: 1,
  MeasureExtended: 1,
  MeasureEnded: 1,
  EntryCorrected: 1,
  EntryRetracted: 1,
};

export const CASE_EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as CaseEventType[];

export const isCaseEventType = (type: string): type is CaseEventType =>
  Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);

/**
 * An event as the decider sees it once it is in the log: its id (corrections and retractions refer to it)
 * and the business data. Metadata (actor, recordedAt, ...) is the shell's concern.
 */
export type RecordedCaseEvent = CaseEvent & { eventId: string };
