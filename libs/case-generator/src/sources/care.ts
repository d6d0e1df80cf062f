import type { HelpType, MeasureType, WaitlistReason } from '@app/domain';
import type { Random } from '../random';

/**
 * Help: the GRJR's regional lots A-F since 2018 (seed 000: foster care, admission, long-term residential, day
 * treatment, outpatient, crisis), help through the local team, closed youth care, forensic care and nationally
 * purchased care (LTA, seed 000). The mix is an assumption: outpatient help is by far the most common, youth
 * probation leans on forensic and outpatient help.
 */
const CHILD_PROTECTION_HELP: readonly (readonly [HelpType, number])[] = [
  ['E_AMBULANT', 40],
  ['A_PLEEGZORG', 14],
  ['LOCAL_TEAM', 12],
  ['B_OPNAME', 8],
  ['D_OVERDAG', 7],
  ['C_LANGDURIG_VERBLIJF', 5],
  ['F_CRISIS', 3],
  ['JEUGDZORGPLUS', 3],
  ['LTA', 2],
  ['OTHER', 6],
];

const PROBATION_HELP: readonly (readonly [HelpType, number])[] = [
  ['FORENSIC', 32],
  ['E_AMBULANT', 30],
  ['LOCAL_TEAM', 16],
  ['D_OVERDAG', 8],
  ['JEUGDZORGPLUS', 6],
  ['B_OPNAME', 3],
  ['OTHER', 5],
];

export const helpMix = (measureType: MeasureType): readonly (readonly [HelpType, number])[] =>
  measureType === 'JEUGDRECLASSERING' ? PROBATION_HELP : CHILD_PROTECTION_HELP;

/** Providers per help type at scale 1 (the local teams are per municipality instead). */
const PROVIDERS: Readonly<Record<HelpType, number>> = {
  A_PLEEGZORG: 4,
  B_OPNAME: 6,
  C_LANGDURIG_VERBLIJF: 5,
  D_OVERDAG: 8,
  E_AMBULANT: 24,
  F_CRISIS: 3,
  LOCAL_TEAM: 0,
  JEUGDZORGPLUS: 2,
  FORENSIC: 4,
  LTA: 3,
  OTHER: 6,
};

const LOT: Readonly<Record<HelpType, string>> = {
  A_PLEEGZORG: 'a',
  B_OPNAME: 'b',
  C_LANGDURIG_VERBLIJF: 'c',
  D_OVERDAG: 'd',
  E_AMBULANT: 'e',
  F_CRISIS: 'f',
  LOCAL_TEAM: 'wt',
  JEUGDZORGPLUS: 'jzp',
  FORENSIC: 'for',
  LTA: 'lta',
  OTHER: 'x',
};

// One string per provider: the refs end up in the entries of every running case they help.
const refs = new Map<string, string[]>();
const providerRef = (prefix: string, n: number): string => {
  let known = refs.get(prefix);
  if (!known) refs.set(prefix, (known = []));
  return (known[n] ??= `${prefix}-${n}`);
};

/** A provider of the help type; the local team is that of the child's municipality. */
export const pickProvider = (random: Random, helpType: HelpType, municipalityCode: string, scale: number): string =>
  helpType === 'LOCAL_TEAM'
    ? providerRef(`wijkteam-${municipalityCode}`, random.int(1, Math.max(1, Math.round(4 * Math.sqrt(scale)))))
    : providerRef(`prov-${LOT[helpType]}`, random.int(1, Math.max(1, Math.round(PROVIDERS[helpType] * Math.sqrt(scale)))));

/**
 * Why a child waits for help (seed 003, ch. 4 and "waiting lists, scarcity, admission stops"; the budget ceiling
 * for outpatient help was reached in Q3 2020). AFTER_INTAKE is drawn apart: it is its own path.
 */
export const WAITLIST_REASONS: readonly (readonly [WaitlistReason, number])[] = [
  ['CAPACITY', 58],
  ['BUDGET_CEILING', 16],
  ['ADMISSION_STOP', 14],
  ['OTHER', 12],
];

/**
 * Waiting for specialised help: "before, waiting lists of one or two months, now we are talking about four or
 * five months" (a protector, seed 003). Log-normal days: median and spread per kind of help.
 */
export const WAIT_DAYS: Readonly<Record<'first' | 'afterIntake' | 'later' | 'protector', { median: number; sigma: number }>> = {
  first: { median: 115, sigma: 0.6 },
  afterIntake: { median: 85, sigma: 0.55 },
  later: { median: 60, sigma: 0.7 },
  protector: { median: 12, sigma: 0.5 },
};

/** Why the region cancelled requests (seed 003, ch. 3): moved, parents no longer want help, double requests... */
export const CANCELLATION_REASONS: readonly string[] = [
  'family moved (verhuizing)',
  'parents no longer want this help',
  'help requested earlier was not realised',
  'other kind of service chosen',
  'double request',
];

/** Why a provider turned a child down after the intake (seed 003, ch. 4). */
export const REJECTION_REASONS: readonly string[] = [
  'no suitable offer at this provider',
  'situation not stable enough to start treatment',
];
