import {
  ADVANCEABLE_NORMS,
  ASSIGNMENT_REASONS,
  EXPLAINABLE_NORMS,
  PLAN_PARTICIPANTS,
  WAITING_FOR,
  type AssignmentReason,
  type CaseEvent,
  type CaseStepData,
  type RecordedCaseEvent,
} from '../../case/case-events';
import {
  deadlineAdvanced,
  deadlineExplained,
  guardianAssigned,
  helpStarted,
  measureEnded,
  measureExtended,
  measureImposed,
  planAgreed,
  waitlisted,
  waitlistLeft,
} from '../../case/testing/case-fixtures';
import { addDays } from '../../dates/business-date';
import { corrected, retracted, stream } from './norm-fixtures';

/**
 * Rich case histories for the timeline tests, each exercising what can move a verdict or a flag: assignments
 * and changes, (un)supported plans, bridging help, intake-then-waitlist, help from before the measure,
 * explanations, advanced deadlines, extensions, the end, corrections and retractions. The default case is an
 * OTS pronounced 2021-03-01, GI notified 2021-03-03 (case-fixtures).
 */
const assign = (assignedOn: string, protectorRef: string, reason: AssignmentReason) =>
  guardianAssigned({ assignedOn, protectorRef, reason });
const help = (startedOn: string, provider = 'provider-9d04', bridging = false) =>
  helpStarted({ startedOn, provider, bridging, helpType: bridging ? 'LOCAL_TEAM' : 'E_AMBULANT' });

/** The GI's own queue: waiting for a protector, no help type or provider. */
const giQueue = (entryId: string, since: string) =>
  waitlisted({ entryId, waitingFor: 'PROTECTOR', since, helpType: undefined, provider: undefined, reason: 'CAPACITY' });

export const TIMELINE_CASES: [string, RecordedCaseEvent[]][] = [
  ['the inspector\'s dossier: turnover, intake then waiting list, late help explained', stream(
    measureImposed(),
    assign('2021-03-08', 'p-1', 'INITIAL'),
    assign('2021-05-03', 'p-2', 'TURNOVER'),
    planAgreed({ agreedOn: '2021-04-09', participants: ['PARENTS', 'NETWORK'] }),
    help('2021-05-17'),
    waitlisted({ entryId: 'w-1', since: '2021-05-24', provider: 'provider-9d04', reason: 'AFTER_INTAKE' }),
    deadlineExplained({ norm: 'HELP', explainedOn: '2021-06-02' }),
    help('2021-07-05', 'provider-e1f0'),
    waitlistLeft({ entryId: 'w-1', leftOn: '2021-07-05', outcome: 'CANCELLED' }),
  )],
  ['GI queue, late protector, unsupported then late plan, bridging, advanced deadlines', stream(
    measureImposed({ pronouncedOn: '2021-04-20', giNotifiedOn: '2021-04-23', endsOn: '2022-04-20' }),
    giQueue('gi-1', '2021-04-23'),
    deadlineAdvanced({ norm: 'PLAN', deadline: '2021-05-11' }),
    deadlineAdvanced({ norm: 'HELP', deadline: '2021-06-15' }),
    assign('2021-05-06', 'p-1', 'INITIAL'),
    waitlistLeft({ entryId: 'gi-1', leftOn: '2021-05-06', outcome: 'PROTECTOR_ASSIGNED' }),
    deadlineExplained({ norm: 'PROTECTOR', explainedOn: '2021-05-10' }),
    planAgreed({ agreedOn: '2021-05-07', participants: ['LOCAL_TEAM', 'SCHOOL'] }),
    planAgreed({ agreedOn: '2021-05-20', participants: ['CHILD'] }),
    help('2021-05-01', 'provider-local', true),
    waitlisted({ entryId: 'h-2', since: '2021-05-12', provider: 'provider-b', reason: 'BUDGET_CEILING' }),
    waitlisted({ entryId: 'h-1', since: '2021-05-03', provider: 'provider-a', reason: 'CAPACITY' }),
    waitlisted({ entryId: 'h-3', since: '2021-05-12', provider: 'provider-c', reason: 'ADMISSION_STOP' }),
    waitlistLeft({ entryId: 'h-1', leftOn: '2021-06-30', outcome: 'REJECTED' }),
    help('2021-07-12', 'provider-b'),
    waitlistLeft({ entryId: 'h-2', leftOn: '2021-07-12', outcome: 'HELP_STARTED' }),
  )],
  ['help from before the measure, planned handover, two unplanned changes, fall-back, extension, end', stream(
    measureImposed({ pronouncedOn: '2020-11-30', giNotifiedOn: '2020-12-23', endsOn: '2021-11-30' }),
    help('2020-10-01', 'provider-pre'),
    assign('2020-12-28', 'p-1', 'INITIAL'),
    assign('2021-02-01', 'p-2', 'PLANNED_HANDOVER'),
    assign('2021-02-01', 'p-2', 'OTHER'),
    planAgreed({ agreedOn: '2021-01-11', participants: ['PARENTS'] }),
    assign('2021-04-12', 'p-3', 'ILLNESS'),
    giQueue('gi-2', '2021-06-01'),
    assign('2021-07-01', 'p-4', 'TURNOVER'),
    waitlistLeft({ entryId: 'gi-2', leftOn: '2021-07-01', outcome: 'PROTECTOR_ASSIGNED' }),
    waitlisted({ entryId: 'h-9', since: '2021-08-01', reason: 'CAPACITY' }),
    measureExtended({ extendedOn: '2021-11-01', newEndsOn: '2022-11-30' }),
    measureEnded({ endedOn: '2022-03-15', reason: 'OTS_LIFTED_EARLY' }),
    // Dated after the end (only a correction could produce this): the waiting list still closes on its date.
    waitlistLeft({ entryId: 'h-9', leftOn: '2022-04-01', outcome: 'CANCELLED' }),
  )],
  ['ended before every deadline, no protector', stream(
    measureImposed({ giNotifiedOn: '2021-03-05' }),
    giQueue('gi-1', '2021-03-05'),
    deadlineExplained({ norm: 'PLAN', explainedOn: '2021-03-08' }),
    measureEnded({ endedOn: '2021-03-09' }),
  )],
  ['corrections and retractions', ((): RecordedCaseEvent[] => {
    const events: CaseEvent[] = [
      measureImposed(), // e1
      assign('2021-03-05', 'p-1', 'INITIAL'), // e2, corrected to a late date
      planAgreed({ agreedOn: '2021-04-01' }), // e3, retracted
      help('2021-05-10'), // e4, corrected into bridging help
      deadlineExplained({ norm: 'HELP', explainedOn: '2021-06-10' }), // e5, retracted
      waitlisted({ entryId: 'w-r', since: '2021-04-15' }), // e6, retracted
      deadlineAdvanced({ norm: 'HELP', deadline: '2021-05-01' }), // e7, corrected to later than standard
      corrected('e2', { ...guardianAssigned().data, protectorRef: 'p-1', assignedOn: '2021-03-15' }),
      retracted('e3'),
      corrected('e4', { ...help('2021-05-10').data, bridging: true } as CaseStepData),
      retracted('e5'),
      retracted('e6'),
      corrected('e7', { ...deadlineAdvanced().data, norm: 'HELP', deadline: '2021-07-01' }),
      planAgreed({ agreedOn: '2021-04-20', participants: ['CHILD', 'PARENTS'] }),
      corrected('e1', { ...measureImposed().data, pronouncedOn: '2021-02-22', giNotifiedOn: '2021-03-01' }),
      help('2021-09-01', 'provider-late'),
    ];
    return stream(...events);
  })()],
];

/** A simple case: everything on time, nothing else. */
export const SIMPLE_CASE = stream(
  measureImposed(),
  assign('2021-03-05', 'p-1', 'INITIAL'),
  planAgreed({ agreedOn: '2021-04-01' }),
  help('2021-05-10'),
);

/** Every date from `days` before to `daysAfter` after a date. */
export const datesAround = (date: string, daysBefore: number, daysAfter: number): string[] =>
  Array.from({ length: daysBefore + daysAfter + 1 }, (_, i) => addDays(date, i - daysBefore));

/** The business-date field a random correction moves, per step type. */
const DATE_FIELD: Record<string, string> = {
  MeasureImposed: 'pronouncedOn', GuardianAssigned: 'assignedOn', PlanAgreed: 'agreedOn', HelpStarted: 'startedOn',
  Waitlisted: 'since', WaitlistLeft: 'leftOn', DeadlineExplained: 'explainedOn', DeadlineAdvanced: 'deadline',
  MeasureExtended: 'newEndsOn', MeasureEnded: 'endedOn',
};

/**
 * A random but reproducible case history (seeded mulberry32): steps of every type at random dates around the
 * pronouncement - also out of order, late, or after the end, as only corrections could make them - plus random
 * corrections and retractions. Hand-written cases test what we thought of; these test what we did not.
 * `longer` allows up to 40 steps and more than one end (a fold can hold several: a correction could make one).
 */
export const randomCase = (seed: number, { longer = false }: { longer?: boolean } = {}): RecordedCaseEvent[] => {
  let a = seed + 0x9e3779b9;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const p = addDays('2021-01-01', int(0, 365));
  const day = (): string => addDays(p, int(-20, 200));
  const providers = ['provider-a', 'provider-b'];
  const events: CaseEvent[] = [
    measureImposed({ pronouncedOn: p, giNotifiedOn: addDays(p, int(0, 10)), endsOn: addDays(p, 365) }),
  ];
  const entryIds: string[] = [];
  let ended = false;
  for (let i = int(3, longer ? 40 : 16); i > 0; i -= 1) {
    const kind = int(0, 12);
    if (kind <= 1) events.push(assign(day(), pick(['p-1', 'p-2', 'p-3']), pick(ASSIGNMENT_REASONS)));
    else if (kind === 2) events.push(planAgreed({ agreedOn: day(), participants: [pick(PLAN_PARTICIPANTS)] }));
    else if (kind <= 4) events.push(help(day(), pick(providers), rnd() < 0.3));
    else if (kind === 5) {
      entryIds.push(`w-${i}`);
      const provider = rnd() < 0.2 ? undefined : pick(providers);
      const reason = pick(['AFTER_INTAKE', 'CAPACITY'] as const);
      events.push(waitlisted({ entryId: `w-${i}`, waitingFor: pick(WAITING_FOR), since: day(), provider, reason }));
    } else if (kind === 6 && entryIds.length > 0) events.push(waitlistLeft({ entryId: pick(entryIds), leftOn: day() }));
    else if (kind === 7) events.push(deadlineExplained({ norm: pick(EXPLAINABLE_NORMS), explainedOn: day() }));
    else if (kind === 8) {
      events.push(deadlineAdvanced({ norm: pick(ADVANCEABLE_NORMS), deadline: addDays(p, int(3, 120)) }));
    }
    else if (kind === 9 && (longer || !ended)) {
      ended = true; // one end per case, as decide allows (unless longer)
      events.push(measureEnded({ endedOn: addDays(p, int(0, 300)) }));
    }
    else if (kind === 10) events.push(measureExtended({ extendedOn: day(), newEndsOn: addDays(p, 700) }));
    else if (kind >= 11) {
      const j = int(kind === 11 ? 0 : 1, events.length - 1);
      const target = events[j];
      if (!target || target.type === 'EntryCorrected' || target.type === 'EntryRetracted') continue;
      events.push(
        kind === 11
          ? corrected(`e${j + 1}`, { ...target.data, [DATE_FIELD[target.type]]: day() } as CaseStepData)
          : retracted(`e${j + 1}`),
      );
    }
  }
  return stream(...events);
};
