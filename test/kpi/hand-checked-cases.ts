import type {
  AssignmentReason,
  HelpType,
  Institution,
  MeasureEndReason,
  MeasureType,
  NormState,
  PlanParticipant,
  WaitlistOutcome,
  WaitlistReason,
} from '@app/domain';

/**
 * Hand-checked case histories for the KPI test. Every deadline and verdict below was worked out by hand from
 * BRIEF.md (norms, `cao-jeugdzorg` calendar, verdict table) and the norm engine's documented interpretations -
 * never by running the engine. Weekdays used (2021 unless noted): Mon 03-01, Wed 03-31, Thu 04-01, Fri 04-02
 * (Good Friday, a working day), Mon 04-05 (Easter Monday), Fri 04-23, Tue 04-27 (King's Day), Mon 05-03,
 * Wed 05-05 (Liberation Day), Thu 05-13 (Ascension Day), Fri 05-21, Mon 05-24 (Whit Monday), Tue 06-01,
 * Wed 08-25, Wed 09-01; 2020: Mon 11-30, Tue 12-22, Fri 12-25 (Christmas), Sat 12-26 (Boxing Day), Mon 12-28;
 * Fri 2021-01-01 (New Year's Day).
 *
 * Verdicts are written as [protector, fixedProtector, plan, help]; deadlines as [protector, plan, help]
 * (the fixed protector has none).
 */

/** The two evaluation dates every case is judged on. */
export const AS_OF = ['2021-06-30', '2021-09-01'] as const;
export type AsOf = (typeof AS_OF)[number];

/** The KPI window: measures pronounced in [from, to]. Case C36 (pronounced 2020-11-30) lies outside it. */
export const WINDOW = { from: '2020-12-01', to: '2021-08-31' } as const;

export type Verdicts = readonly [protector: NormState, fixedProtector: NormState, plan: NormState, help: NormState];
export type Deadlines = readonly [protector: string, plan: string, help: string];

/** Ids of earlier writes of the same case, by label ('measure' is the MeasureImposed). */
export type Written = Record<string, { eventId: string; entryId?: string }>;

export interface Step {
  route: string;
  body: object | ((written: Written, caseId: string) => object);
  label?: string;
}

export interface Measure {
  institution: Institution;
  municipalityCode: string;
  measureType: MeasureType;
  pronouncedOn: string;
  giNotifiedOn: string;
  endsOn?: string;
}

export interface HandCheckedCase {
  id: string;
  /** What the case exercises, and why its verdicts are what they are. */
  what: string;
  measure: Measure;
  steps: Step[];
  /** Hand-worked verdicts per evaluation date. */
  verdicts: Record<AsOf, Verdicts>;
  /** Hand-worked deadlines as of 2021-09-01 (every case is pronounced by then). */
  deadlines: Deadlines;
}

// ---- step builders (bodies as in README "The commands") -------------------------------------------------------

const assign = (protectorRef: string, assignedOn: string, reason: AssignmentReason = 'INITIAL', label?: string, team?: string): Step => ({
  route: 'guardian-assignments',
  body: { protectorRef, assignedOn, reason, ...(team ? { team } : {}) },
  label,
});
const plan = (agreedOn: string, participants: PlanParticipant[], label?: string): Step => ({
  route: 'plans',
  body: { agreedOn, participants, goals: ['safety at home'] },
  label,
});
const help = (startedOn: string, provider = 'prov-ambulant-1', label?: string, helpType: HelpType = 'E_AMBULANT'): Step => ({
  route: 'help-starts',
  body: { startedOn, helpType, provider, bridging: false },
  label,
});
const bridging = (startedOn: string, provider = 'prov-bridge-1'): Step => ({
  route: 'help-starts',
  body: { startedOn, helpType: 'E_AMBULANT', provider, bridging: true },
});
const wait = (waitingFor: 'PROTECTOR' | 'HELP', since: string, reason: WaitlistReason, provider?: string, label?: string): Step => ({
  route: 'waitlist-entries',
  body: { waitingFor, since, reason, ...(provider ? { provider } : {}), ...(waitingFor === 'HELP' ? { helpType: 'E_AMBULANT' } : {}) },
  label,
});
const leave = (entryLabel: string, leftOn: string, outcome: WaitlistOutcome): Step => ({
  route: 'waitlist-exits',
  body: (w) => ({ entryId: w[entryLabel].entryId, leftOn, outcome }),
});
const explain = (norm: 'PROTECTOR' | 'PLAN' | 'HELP', explainedOn: string): Step => ({
  route: 'explanations',
  body: { norm, explainedOn, reason: 'capacity shortage at the time' },
});
const advance = (norm: 'PLAN' | 'HELP', deadline: string): Step => ({
  route: 'deadlines',
  body: { norm, deadline, reason: 'safety of the child requires it sooner' },
});
const extend = (extendedOn: string, newEndsOn: string): Step => ({
  route: 'extensions',
  body: { extendedOn, newEndsOn, reason: 'HELP_NOT_STARTED' },
});
const end = (endedOn: string, reason: MeasureEndReason): Step => ({ route: 'end', body: { endedOn, reason } });
const correct = (label: string, data: object): Step => ({
  route: 'corrections',
  body: (w) => ({ correctsEventId: w[label].eventId, reason: 'wrong date entered', data }),
});
const correctMeasure = (data: object): Step => ({
  route: 'corrections',
  body: (w, caseId) => ({ correctsEventId: w.measure.eventId, reason: 'wrong dates entered', data: { caseId, ...data } }),
});
const retract = (label: string): Step => ({
  route: 'retractions',
  body: (w) => ({ retractsEventId: w[label].eventId, reason: 'entered in the wrong case' }),
});

const m = (
  institution: Institution,
  measureType: MeasureType,
  municipalityCode: string,
  pronouncedOn: string,
  giNotifiedOn: string,
  endsOn?: string,
): Measure => ({ institution, measureType, municipalityCode, pronouncedOn, giNotifiedOn, ...(endsOn ? { endsOn } : {}) });

const MET = 'met';
const EXP = 'explained';
const NOT = 'notMet';
const PEN = 'pending';
const NA = 'notApplicable';

/** Both evaluation dates give the same verdicts. */
const both = (v: Verdicts): Record<AsOf, Verdicts> => ({ '2021-06-30': v, '2021-09-01': v });
const at = (june30: Verdicts, sept1: Verdicts): Record<AsOf, Verdicts> => ({ '2021-06-30': june30, '2021-09-01': sept1 });

// ---- the cases --------------------------------------------------------------------------------------------------

export const CASES: HandCheckedCase[] = [
  // ---- protector norm: 5 working days after notification, cao-jeugdzorg calendar ---------------------------------
  {
    id: 'C01',
    what: 'all on the deadline day: protector on the 5th working day (Tue 03-02 -> Tue 03-09), plan on day 42, help in time',
    measure: m('JBRR', 'OTS', 'GM0599', '2021-03-01', '2021-03-02'),
    steps: [assign('prot-c01-a', '2021-03-09'), plan('2021-04-12', ['CHILD', 'PARENTS']), help('2021-05-20')],
    verdicts: both([MET, MET, MET, MET]),
    deadlines: ['2021-03-09', '2021-04-12', '2021-06-01'],
  },
  {
    id: 'C02',
    what: 'protector on the 6th working day (03-10) is late; no help at all -> help notMet after 06-01',
    measure: m('LJR', 'OTS', 'GM0606', '2021-03-01', '2021-03-02'),
    steps: [assign('prot-c02-a', '2021-03-10'), plan('2021-03-30', ['PARENTS', 'LOCAL_TEAM'])],
    verdicts: both([NOT, MET, MET, NOT]),
    deadlines: ['2021-03-09', '2021-04-12', '2021-06-01'],
  },
  {
    id: 'C03',
    what: 'BRIEF example: notified Thu 04-01 -> Fri 04-09 (Easter Monday skipped), met on it; help deadline 03-31 + 3 months clamped to 06-30, help on 06-30 met',
    measure: m('WSS', 'VOOGDIJ', 'GM0622', '2021-03-31', '2021-04-01'),
    steps: [assign('prot-c03-a', '2021-04-09'), plan('2021-04-20', ['CHILD']), help('2021-06-30', 'prov-foster-1', undefined, 'A_PLEEGZORG')],
    verdicts: both([MET, MET, MET, MET]),
    deadlines: ['2021-04-09', '2021-05-12', '2021-06-30'],
  },
  {
    id: 'C04',
    what: 'Good Friday is a working day: notified 04-01, assigned Mon 04-12 is late; plan only with professionals is not supported; bridging help only (pending on 06-30, notMet after)',
    measure: m('JBRR', 'OTS', 'GM1930', '2021-03-31', '2021-04-01'),
    steps: [assign('prot-c04-a', '2021-04-12'), plan('2021-04-20', ['LOCAL_TEAM', 'PROVIDER']), bridging('2021-05-03')],
    verdicts: at([NOT, MET, NOT, PEN], [NOT, MET, NOT, NOT]),
    deadlines: ['2021-04-09', '2021-05-12', '2021-06-30'],
  },
  {
    id: 'C05',
    what: 'notified Wed 03-31 -> Thu 04-08 (Good Friday counts, Easter Monday not); help 07-01 is one day after the clamped 06-30 deadline',
    measure: m('LJR', 'VOORLOPIGE_OTS', 'GM0599', '2021-03-31', '2021-03-31'),
    steps: [assign('prot-c05-a', '2021-04-08'), plan('2021-05-12', ['PARENTS']), help('2021-07-01')],
    verdicts: at([MET, MET, MET, PEN], [MET, MET, MET, NOT]),
    deadlines: ['2021-04-08', '2021-05-12', '2021-06-30'],
  },
  {
    id: 'C06',
    what: "BRIEF example: notified Fri 04-23 -> Mon 05-03 (King's Day Tue 04-27 skipped), met on it; help on its deadline day 07-22",
    measure: m('LJR', 'JEUGDRECLASSERING', 'GM0606', '2021-04-22', '2021-04-23'),
    steps: [assign('prot-c06-a', '2021-05-03'), plan('2021-06-03', ['CHILD', 'NETWORK']), help('2021-07-22', 'prov-forensic-1', undefined, 'FORENSIC')],
    verdicts: at([MET, MET, MET, PEN], [MET, MET, MET, MET]),
    deadlines: ['2021-05-03', '2021-06-03', '2021-07-22'],
  },
  {
    id: 'C07',
    what: 'BRIEF example: notified Tue 05-04 -> Wed 05-12 (Liberation Day skipped), met; plan late (07-01 > 06-14) without explanation',
    measure: m('WSS', 'OTS', 'GM0489', '2021-05-03', '2021-05-04'),
    steps: [assign('prot-c07-a', '2021-05-12'), help('2021-06-15'), plan('2021-07-01', ['PARENTS'])],
    verdicts: both([MET, MET, NOT, MET]),
    deadlines: ['2021-05-12', '2021-06-14', '2021-08-03'],
  },
  {
    id: 'C08',
    what: 'notified Mon 05-10 -> Tue 05-18 (Ascension Thu 05-13 skipped), met on it; help 08-11 one day after 08-10',
    measure: m('JBRR', 'VOORLOPIGE_VOOGDIJ', 'GM0599', '2021-05-10', '2021-05-10'),
    steps: [assign('prot-c08-a', '2021-05-18'), plan('2021-06-21', ['CHILD', 'PARENTS']), help('2021-08-11')],
    verdicts: at([MET, MET, MET, PEN], [MET, MET, MET, NOT]),
    deadlines: ['2021-05-18', '2021-06-21', '2021-08-10'],
  },
  {
    id: 'C09',
    what: 'notified Fri 05-21 -> Mon 05-31 (Whit Monday 05-24 skipped), met on it; help running since before the measure (03-15) counts',
    measure: m('LJR', 'OTS', 'GM0622', '2021-05-20', '2021-05-21'),
    steps: [assign('prot-c09-a', '2021-05-31'), plan('2021-06-10', ['CHILD']), help('2021-03-15', 'prov-daycare-1', undefined, 'D_OVERDAG')],
    verdicts: both([MET, MET, MET, MET]),
    deadlines: ['2021-05-31', '2021-07-01', '2021-08-20'],
  },
  {
    id: 'C10',
    what: 'BRIEF example: notified Wed 2020-12-23 -> Thu 2020-12-31 (Christmas skipped, Boxing Day a Saturday), met on it',
    measure: m('WSS', 'OTS', 'GM0599', '2020-12-22', '2020-12-23'),
    steps: [assign('prot-c10-a', '2020-12-31'), plan('2021-02-02', ['PARENTS']), help('2021-03-22')],
    verdicts: both([MET, MET, MET, MET]),
    deadlines: ['2020-12-31', '2021-02-02', '2021-03-22'],
  },
  {
    id: 'C37',
    what: "notified Mon 2020-12-28 -> Tue 2021-01-05 (New Year's Day skipped), met on it; help 03-29 one day after 03-28",
    measure: m('LJR', 'OTS', 'GM0502', '2020-12-28', '2020-12-28'),
    steps: [assign('prot-c37-a', '2021-01-05'), plan('2021-02-08', ['PARENTS']), help('2021-03-29')],
    verdicts: both([MET, MET, MET, NOT]),
    deadlines: ['2021-01-05', '2021-02-08', '2021-03-28'],
  },

  // ---- comply or explain, pending ---------------------------------------------------------------------------
  {
    id: 'C11',
    what: 'protector late + explained; on 06-30 plan and help pending; plan late + explained by 09-01; help pending on its deadline day 09-01',
    measure: m('JBRR', 'JEUGDRECLASSERING', 'GM0606', '2021-06-01', '2021-06-01'),
    steps: [
      assign('prot-c11-a', '2021-06-14'),
      explain('PROTECTOR', '2021-06-14'),
      plan('2021-07-20', ['CHILD', 'PARENTS']),
      explain('PLAN', '2021-07-21'),
    ],
    verdicts: at([EXP, MET, PEN, PEN], [EXP, MET, EXP, PEN]),
    deadlines: ['2021-06-08', '2021-07-13', '2021-09-01'],
  },
  {
    id: 'C12',
    what: 'pronounced 08-26 (after 06-30: no measure yet, all notApplicable); on 09-01 all pending, waiting for a protector, fixed pending before any assignment',
    measure: m('LJR', 'OTS', 'GM0489', '2021-08-26', '2021-08-27'),
    steps: [wait('PROTECTOR', '2021-08-27', 'CAPACITY')],
    verdicts: at([NA, NA, NA, NA], [PEN, PEN, PEN, PEN]),
    deadlines: ['2021-09-03', '2021-10-07', '2021-11-26'],
  },
  {
    id: 'C28',
    what: 'pronounced 08-25 (none on 06-30); assigned 09-01 = the 5th working day (today) met; a plan explanation before the deadline changes nothing: pending',
    measure: m('WSS', 'VOORLOPIGE_VOOGDIJ', 'GM0599', '2021-08-25', '2021-08-25'),
    steps: [assign('prot-c28-a', '2021-09-01'), explain('PLAN', '2021-09-01')],
    verdicts: at([NA, NA, NA, NA], [MET, MET, PEN, PEN]),
    deadlines: ['2021-09-01', '2021-10-06', '2021-11-25'],
  },

  // ---- measure ended -------------------------------------------------------------------------------------------
  {
    id: 'C13',
    what: 'measure ended 02-05, before every deadline, with no step: all notApplicable (fixed: ended before assignment)',
    measure: m('WSS', 'VOORLOPIGE_OTS', 'GM1930', '2021-02-01', '2021-02-01'),
    steps: [end('2021-02-05', 'OTS_LIFTED_EARLY')],
    verdicts: both([NA, NA, NA, NA]),
    deadlines: ['2021-02-08', '2021-03-15', '2021-05-01'],
  },
  {
    id: 'C14',
    what: 'measure ended on the protector deadline day 02-08 without an assignment: protector notMet; the others notApplicable',
    measure: m('JBRR', 'OTS', 'GM0599', '2021-02-01', '2021-02-01'),
    steps: [end('2021-02-08', 'OTS_LIFTED_EARLY')],
    verdicts: both([NOT, NA, NA, NA]),
    deadlines: ['2021-02-08', '2021-03-15', '2021-05-01'],
  },
  {
    id: 'C15',
    what: 'assigned in time, then ended 03-01 before the plan (03-15) and help (05-01) deadlines: those notApplicable',
    measure: m('LJR', 'VOORLOPIGE_VOOGDIJ', 'GM0606', '2021-02-01', '2021-02-01'),
    steps: [assign('prot-c15-a', '2021-02-03'), end('2021-03-01', 'AUTHORITY_RESTORED')],
    verdicts: both([MET, MET, NA, NA]),
    deadlines: ['2021-02-08', '2021-03-15', '2021-05-01'],
  },
  {
    id: 'C16',
    what: 'only an unsupported plan, measure ended on the plan deadline day 03-29: plan notMet; help (05-15) notApplicable',
    measure: m('WSS', 'OTS', 'GM0622', '2021-02-15', '2021-02-15'),
    steps: [assign('prot-c16-a', '2021-02-16'), plan('2021-03-10', ['LOCAL_TEAM']), end('2021-03-29', 'OTS_NOT_EXTENDED')],
    verdicts: both([MET, MET, NOT, NA]),
    deadlines: ['2021-02-22', '2021-03-29', '2021-05-15'],
  },

  // ---- plan norm: supported, advanced deadlines ---------------------------------------------------------------
  {
    id: 'C17',
    what: 'plan with professionals only on time (04-01), supported plan late (04-20 > 04-12): notMet; bridging then real help in time: met',
    measure: m('JBRR', 'OTS', 'GM0599', '2021-03-01', '2021-03-03'),
    steps: [
      assign('prot-c17-a', '2021-03-04'),
      plan('2021-04-01', ['LOCAL_TEAM', 'PROVIDER', 'SCHOOL']),
      plan('2021-04-20', ['CHILD', 'PARENTS', 'NETWORK']),
      bridging('2021-04-15'),
      help('2021-05-25'),
    ],
    verdicts: both([MET, MET, NOT, MET]),
    deadlines: ['2021-03-10', '2021-04-12', '2021-06-01'],
  },
  {
    id: 'C18',
    what: 'advanced plan deadline 04-05 (standard 04-26): plan 04-14 late; advanced help deadline 05-15 (standard 06-15): help 05-14 met',
    measure: m('LJR', 'OTS', 'GM0599', '2021-03-15', '2021-03-15'),
    steps: [
      assign('prot-c18-a', '2021-03-16'),
      advance('PLAN', '2021-04-05'),
      advance('HELP', '2021-05-15'),
      plan('2021-04-14', ['CHILD', 'PARENTS']),
      help('2021-05-14', 'prov-crisis-1', undefined, 'F_CRISIS'),
    ],
    verdicts: both([MET, MET, NOT, MET]),
    deadlines: ['2021-03-22', '2021-04-05', '2021-05-15'],
  },
  {
    id: 'C19',
    what: 'advanced help deadline 06-01 (standard 07-01): help 06-20 is late; plan with the child on its deadline 05-13',
    measure: m('WSS', 'JEUGDRECLASSERING', 'GM0606', '2021-04-01', '2021-04-01'),
    steps: [assign('prot-c19-a', '2021-04-09'), plan('2021-05-13', ['CHILD']), advance('HELP', '2021-06-01'), help('2021-06-20')],
    verdicts: both([MET, MET, MET, NOT]),
    deadlines: ['2021-04-09', '2021-05-13', '2021-06-01'],
  },

  // ---- help norm: intake, bridging, before the measure, explained -------------------------------------------
  {
    id: 'C20',
    what: 'intake-then-waitlist: start 04-01 at prov-a, waitlist AFTER_INTAKE at prov-a 04-08 -> intake; real help 06-15 > 06-01: notMet',
    measure: m('JBRR', 'OTS', 'GM1930', '2021-03-01', '2021-03-01'),
    steps: [
      assign('prot-c20-a', '2021-03-08'),
      plan('2021-03-20', ['PARENTS']),
      help('2021-04-01', 'prov-a'),
      wait('HELP', '2021-04-08', 'AFTER_INTAKE', 'prov-a', 'w1'),
      leave('w1', '2021-06-15', 'HELP_STARTED'),
      help('2021-06-15', 'prov-a'),
    ],
    verdicts: both([MET, MET, MET, NOT]),
    deadlines: ['2021-03-08', '2021-04-12', '2021-06-01'],
  },
  {
    id: 'C21',
    what: 'intake-then-waitlist (no provider named) leaves no help; explained 06-10 after the deadline: explained',
    measure: m('LJR', 'VOOGDIJ', 'GM0599', '2021-03-01', '2021-03-01'),
    steps: [
      assign('prot-c21-a', '2021-03-02'),
      plan('2021-04-12', ['CHILD']),
      help('2021-03-20', 'prov-b'),
      wait('HELP', '2021-03-25', 'AFTER_INTAKE'),
      explain('HELP', '2021-06-10'),
    ],
    verdicts: both([MET, MET, MET, EXP]),
    deadlines: ['2021-03-08', '2021-04-12', '2021-06-01'],
  },
  {
    id: 'C35',
    what: 'intake 05-20 looks like help until the AFTER_INTAKE waitlist is dated (07-05): help met on 06-30, notMet on 09-01',
    measure: m('WSS', 'OTS', 'GM0622', '2021-03-01', '2021-03-01'),
    steps: [assign('prot-c35-a', '2021-03-03'), plan('2021-03-30', ['CHILD']), help('2021-05-20', 'prov-x'), wait('HELP', '2021-07-05', 'AFTER_INTAKE', 'prov-x')],
    verdicts: at([MET, MET, MET, MET], [MET, MET, MET, NOT]),
    deadlines: ['2021-03-08', '2021-04-12', '2021-06-01'],
  },
  {
    id: 'C22',
    what: 'help late (06-01 > 05-15) with an explanation recorded before the deadline ("will be missed"): explained',
    measure: m('WSS', 'VOOGDIJ', 'GM0489', '2021-02-15', '2021-02-16'),
    steps: [assign('prot-c22-a', '2021-02-23'), plan('2021-03-29', ['CHILD', 'PARENTS']), explain('HELP', '2021-05-10'), help('2021-06-01')],
    verdicts: both([MET, MET, MET, EXP]),
    deadlines: ['2021-02-23', '2021-03-29', '2021-05-15'],
  },
  {
    id: 'C34',
    what: 'bridging help only; explanation dated 07-15: notMet on 06-30 (explanation not yet made), explained on 09-01',
    measure: m('LJR', 'VOOGDIJ', 'GM0599', '2021-02-01', '2021-02-02'),
    steps: [assign('prot-c34-a', '2021-02-09'), plan('2021-03-15', ['PARENTS', 'CHILD']), bridging('2021-03-01'), explain('HELP', '2021-07-15')],
    verdicts: at([MET, MET, MET, NOT], [MET, MET, MET, EXP]),
    deadlines: ['2021-02-09', '2021-03-15', '2021-05-01'],
  },

  // ---- fixed protector ---------------------------------------------------------------------------------------
  {
    id: 'C23',
    what: 'fixed protector: intake team hands over to the area team (PLANNED_HANDOVER): met',
    measure: m('JBRR', 'OTS', 'GM0599', '2021-04-01', '2021-04-01'),
    steps: [
      assign('prot-c23-a', '2021-04-06', 'INITIAL', undefined, 'intake-team'),
      plan('2021-05-01', ['PARENTS']),
      assign('prot-c23-b', '2021-05-10', 'PLANNED_HANDOVER', undefined, 'area-team'),
      help('2021-06-01'),
    ],
    verdicts: both([MET, MET, MET, MET]),
    deadlines: ['2021-04-09', '2021-05-13', '2021-07-01'],
  },
  {
    id: 'C24',
    what: 'fixed protector: one TURNOVER change is allowed: met; assigned on Good Friday in time; no help (extended for it): pending, then notMet',
    measure: m('LJR', 'VOORLOPIGE_OTS', 'GM0622', '2021-04-01', '2021-04-01', '2021-07-01'),
    steps: [
      assign('prot-c24-a', '2021-04-02'),
      plan('2021-05-13', ['CHILD']),
      assign('prot-c24-b', '2021-05-20', 'TURNOVER'),
      extend('2021-06-20', '2021-10-01'),
    ],
    verdicts: at([MET, MET, MET, PEN], [MET, MET, MET, NOT]),
    deadlines: ['2021-04-09', '2021-05-13', '2021-07-01'],
  },
  {
    id: 'C25',
    what: 'fixed protector: TURNOVER 06-01 (met on 06-30), then ILLNESS 07-15 = second unplanned change: notMet on 09-01',
    measure: m('WSS', 'OTS', 'GM1930', '2021-04-01', '2021-04-01'),
    steps: [
      assign('prot-c25-a', '2021-04-07'),
      plan('2021-04-30', ['PARENTS', 'NETWORK']),
      assign('prot-c25-b', '2021-06-01', 'TURNOVER'),
      help('2021-06-30'),
      assign('prot-c25-c', '2021-07-15', 'ILLNESS'),
    ],
    verdicts: at([MET, MET, MET, MET], [MET, NOT, MET, MET]),
    deadlines: ['2021-04-09', '2021-05-13', '2021-07-01'],
  },
  {
    id: 'C26',
    what: 'fixed protector: GI queue until assignment 04-08 is no fall-back; back on the PROTECTOR waiting list 07-01: notMet on 09-01',
    measure: m('JBRR', 'JEUGDRECLASSERING', 'GM0606', '2021-04-01', '2021-04-01'),
    steps: [
      wait('PROTECTOR', '2021-04-01', 'CAPACITY', undefined, 'q1'),
      leave('q1', '2021-04-08', 'PROTECTOR_ASSIGNED'),
      assign('prot-c26-a', '2021-04-08'),
      plan('2021-05-13', ['CHILD']),
      help('2021-06-01'),
      wait('PROTECTOR', '2021-07-01', 'CAPACITY'),
    ],
    verdicts: at([MET, MET, MET, MET], [MET, NOT, MET, MET]),
    deadlines: ['2021-04-09', '2021-05-13', '2021-07-01'],
  },
  {
    id: 'C27',
    what: 'fixed protector: OTHER counts as unplanned (1), a team change of the same protector is no change, TURNOVER 07-01 is the 2nd: notMet on 09-01',
    measure: m('LJR', 'OTS', 'GM0502', '2021-01-04', '2021-01-04'),
    steps: [
      assign('prot-c27-a', '2021-01-11'),
      assign('prot-c27-b', '2021-02-01', 'OTHER'),
      plan('2021-02-15', ['CHILD']),
      assign('prot-c27-b', '2021-03-01', 'TURNOVER', undefined, 'area-east'),
      help('2021-03-01'),
      assign('prot-c27-c', '2021-07-01', 'TURNOVER'),
    ],
    verdicts: at([MET, MET, MET, MET], [MET, NOT, MET, MET]),
    deadlines: ['2021-01-11', '2021-02-15', '2021-04-04'],
  },

  // ---- corrections and retractions ---------------------------------------------------------------------------
  {
    id: 'C29',
    what: 'assignment 05-06 corrected to 05-17: late against 05-11 (Liberation Day skipped): protector notMet',
    measure: m('WSS', 'OTS', 'GM0599', '2021-05-03', '2021-05-03'),
    steps: [
      assign('prot-c29-a', '2021-05-06', 'INITIAL', 'a1'),
      correct('a1', { protectorRef: 'prot-c29-a', assignedOn: '2021-05-17', reason: 'INITIAL' }),
      plan('2021-06-14', ['PARENTS']),
      help('2021-07-15'),
    ],
    verdicts: at([NOT, MET, MET, PEN], [NOT, MET, MET, MET]),
    deadlines: ['2021-05-11', '2021-06-14', '2021-08-03'],
  },
  {
    id: 'C30',
    what: 'plan 06-20 (late) corrected to 06-10 (on time): met; bridging help, then real help 08-04 one day late',
    measure: m('JBRR', 'VOORLOPIGE_OTS', 'GM0622', '2021-05-03', '2021-05-04'),
    steps: [
      assign('prot-c30-a', '2021-05-04'),
      plan('2021-06-20', ['CHILD'], 'p1'),
      correct('p1', { agreedOn: '2021-06-10', participants: ['CHILD'] }),
      bridging('2021-06-01'),
      help('2021-08-04'),
    ],
    verdicts: at([MET, MET, MET, PEN], [MET, MET, MET, NOT]),
    deadlines: ['2021-05-12', '2021-06-14', '2021-08-03'],
  },
  {
    id: 'C31',
    what: 'the in-time assignment (06-02) retracted, a new INITIAL 06-21 is late: notMet; the help start retracted: pending up to 09-01',
    measure: m('LJR', 'OTS', 'GM1930', '2021-06-01', '2021-06-01'),
    steps: [
      assign('prot-c31-a', '2021-06-02', 'INITIAL', 'a1'),
      plan('2021-06-15', ['CHILD', 'PARENTS']),
      help('2021-06-20', 'prov-ambulant-1', 'h1'),
      retract('a1'),
      assign('prot-c31-b', '2021-06-21'),
      retract('h1'),
    ],
    verdicts: both([NOT, MET, MET, PEN]),
    deadlines: ['2021-06-08', '2021-07-13', '2021-09-01'],
  },
  {
    id: 'C32',
    what: 'the only (supported) plan retracted: plan notMet; help on its deadline 06-15',
    measure: m('WSS', 'JEUGDRECLASSERING', 'GM0599', '2021-03-15', '2021-03-16'),
    steps: [assign('prot-c32-a', '2021-03-23'), plan('2021-04-01', ['PARENTS'], 'p1'), retract('p1'), help('2021-06-15')],
    verdicts: both([MET, MET, NOT, MET]),
    deadlines: ['2021-03-23', '2021-04-26', '2021-06-15'],
  },
  {
    id: 'C33',
    what: 'measure corrected from pronounced 04-15 / notified 04-16 to 04-01 / 04-06: plan 05-14 and help 07-10 become late',
    measure: m('JBRR', 'OTS', 'GM0606', '2021-04-15', '2021-04-16'),
    steps: [
      correctMeasure({
        childRef: 'child-c33',
        familyRef: 'family-c33',
        municipalityCode: 'GM0606',
        institution: 'JBRR',
        measureType: 'OTS',
        pronouncedOn: '2021-04-01',
        giNotifiedOn: '2021-04-06',
        endsOn: '2022-04-01',
      }),
      assign('prot-c33-a', '2021-04-13'),
      plan('2021-05-14', ['CHILD']),
      help('2021-07-10'),
    ],
    verdicts: at([MET, MET, NOT, PEN], [MET, MET, NOT, NOT]),
    deadlines: ['2021-04-13', '2021-05-13', '2021-07-01'],
  },

  // ---- outside the KPI window ----------------------------------------------------------------------------
  {
    id: 'C36',
    what: 'BRIEF clamp example, pronounced 2020-11-30 (outside the KPI window): help deadline 2021-02-28, help on it met',
    measure: m('JBRR', 'OTS', 'GM0599', '2020-11-30', '2020-11-30'),
    steps: [assign('prot-c36-a', '2020-12-07'), plan('2021-01-11', ['CHILD']), help('2021-02-28')],
    verdicts: both([MET, MET, MET, MET]),
    deadlines: ['2020-12-07', '2021-01-11', '2021-02-28'],
  },
];

/** In the KPI window (C33's corrected pronouncement, 04-01, lies in it as its original one did). */
export const inWindow = (c: HandCheckedCase): boolean =>
  c.measure.pronouncedOn >= WINDOW.from && c.measure.pronouncedOn <= WINDOW.to;
