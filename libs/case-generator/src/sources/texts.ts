/**
 * Free texts of the steps: short, pseudonymous (no names, no numbers that could pass for a BSN), in English with
 * the Dutch term where the sources use one.
 */
export const PLAN_GOALS: readonly string[] = [
  'safe at home',
  'stable school attendance',
  'parents follow parenting support',
  'no further offences',
  'safe contact arrangement after divorce',
  'stable foster placement',
  'treatment of trauma',
  'reduce school absence',
  'debt counselling for parents',
  'daytime activity',
];

export const EXPLANATIONS: Readonly<Record<'PROTECTOR' | 'PLAN' | 'HELP', readonly string[]>> = {
  PROTECTOR: ['no protector available (capacity), case in wachtlijstbeheer', 'court decision reached the team late'],
  PLAN: ['parents could not be reached', 'child placed outside the region, meeting postponed', 'parents refused contact'],
  HELP: [
    'waiting list at the provider',
    'admission stop at the provider (opnamestop)',
    'budget ceiling reached (budgetplafond)',
    'provider turned the child down after intake',
    'no suitable help purchased in the region',
  ],
};

export const ADVANCED_DEADLINE_REASONS: readonly string[] = [
  'acute safety risk for the child',
  'high risk of reoffending',
  'escalating domestic violence',
];

export const CORRECTION_REASONS = {
  municipality: 'wrong municipality registered',
  childRef: 'wrong child reference registered',
  protector: 'wrong protector registered',
  provider: 'wrong provider registered',
  helpDate: 'start date typed in the wrong month',
  participants: 'parents took part but were not registered',
} as const;

export const RETRACTION_REASONS = { duplicate: 'registered twice', inError: 'registered on the wrong case' } as const;
