import type {
  CaseEventOf,
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
} from '../case-events';
import type { CaseCommand } from '../case-commands';

/**
 * Test data for the case decider. References are pseudonymous ('child-7f3a'), as in production: no names,
 * BSNs, addresses or birth dates, not even made-up ones.
 *
 * The default case: an OTS pronounced Mon 2021-03-01 in Rotterdam, JBRR notified on 2021-03-03. The course is
 * due 2021-04-12 (+42 days), help 2021-06-01 (+3 months). Tests decide "today" = 2021-09-01 unless they say.
 */
export const TODAY = '2021-09-01';
export const CASE_ID = 'case-7f3a';
export const PRONOUNCED_ON = '2021-03-01';

export const measureImposed = (o: Partial<MeasureImposedData> = {}): CaseEventOf<'MeasureImposed'> => ({
  type: 'MeasureImposed',
  data: {
    caseId: CASE_ID,
    childRef: 'child-7f3a',
    familyRef: 'family-2c91',
    municipalityCode: 'GM0599',
    institution: 'JBRR',
    measureType: 'OTS',
    pronouncedOn: PRONOUNCED_ON,
    giNotifiedOn: '2021-03-03',
    endsOn: '2022-03-01',
    ...o,
  },
});

export const guardianAssigned = (o: Partial<GuardianAssignedData> = {}): CaseEventOf<'GuardianAssigned'> => ({
  type: 'GuardianAssigned',
  data: { protectorRef: 'protector-41b2', team: 'team-intake-3', assignedOn: '2021-03-05', reason: 'INITIAL', ...o },
});

export const planAgreed = (o: Partial<PlanAgreedData> = {}): CaseEventOf<'PlanAgreed'> => ({
  type: 'PlanAgreed',
  data: { agreedOn: '2021-04-01', participants: ['CHILD', 'PARENTS', 'LOCAL_TEAM'], goals: ['goal-1'], ...o },
});

export const helpStarted = (o: Partial<HelpStartedData> = {}): CaseEventOf<'HelpStarted'> => ({
  type: 'HelpStarted',
  data: { startedOn: '2021-05-10', helpType: 'E_AMBULANT', provider: 'provider-9d04', bridging: false, ...o },
});

export const waitlisted = (o: Partial<WaitlistedData> = {}): CaseEventOf<'Waitlisted'> => ({
  type: 'Waitlisted',
  data: {
    entryId: 'wait-1',
    waitingFor: 'HELP',
    since: '2021-04-15',
    helpType: 'B_OPNAME',
    provider: 'provider-9d04',
    reason: 'CAPACITY',
    ...o,
  },
});

export const waitlistLeft = (o: Partial<WaitlistLeftData> = {}): CaseEventOf<'WaitlistLeft'> => ({
  type: 'WaitlistLeft',
  data: { entryId: 'wait-1', leftOn: '2021-06-20', outcome: 'HELP_STARTED', ...o },
});

export const deadlineExplained = (o: Partial<DeadlineExplainedData> = {}): CaseEventOf<'DeadlineExplained'> => ({
  type: 'DeadlineExplained',
  data: { norm: 'HELP', explainedOn: '2021-06-02', reason: 'No capacity at the provider.', ...o },
});

export const deadlineAdvanced = (o: Partial<DeadlineAdvancedData> = {}): CaseEventOf<'DeadlineAdvanced'> => ({
  type: 'DeadlineAdvanced',
  data: { norm: 'PLAN', deadline: '2021-03-22', reason: 'Safety requires a course within three weeks.', ...o },
});

export const measureExtended = (o: Partial<MeasureExtendedData> = {}): CaseEventOf<'MeasureExtended'> => ({
  type: 'MeasureExtended',
  data: { extendedOn: '2021-08-20', newEndsOn: '2023-03-01', reason: 'HELP_NOT_STARTED', ...o },
});

export const measureEnded = (o: Partial<MeasureEndedData> = {}): CaseEventOf<'MeasureEnded'> => ({
  type: 'MeasureEnded',
  data: { endedOn: '2021-08-25', reason: 'OTS_LIFTED_EARLY', ...o },
});

export const withId = <E extends object>(eventId: string, event: E): E & { eventId: string } => ({ ...event, eventId });

/** One valid command of every step type, against the default case (used for "every command" rules). */
export const stepCommands = (): CaseCommand[] => [
  { type: 'AssignGuardian', data: guardianAssigned().data },
  { type: 'AgreePlan', data: planAgreed().data },
  { type: 'StartHelp', data: helpStarted().data },
  { type: 'PlaceOnWaitlist', data: waitlisted().data },
  { type: 'LeaveWaitlist', data: waitlistLeft().data },
  { type: 'ExplainDeadline', data: deadlineExplained().data },
  { type: 'AdvanceDeadline', data: deadlineAdvanced().data },
  { type: 'ExtendMeasure', data: measureExtended().data },
  { type: 'EndMeasure', data: measureEnded().data },
];
