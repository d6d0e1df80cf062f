import { DomainError, type DomainErrorCategory } from './domain-error';

/**
 * Every reason the domain can refuse a command: a stable code (clients and the README rely on it), the
 * category the shell maps to an HTTP status, and a one-line description. The errors are built from this list,
 * so a code cannot be used without being documented here.
 */
export const DOMAIN_RULES = [
  { code: 'CASE.NOT_FOUND', category: 'not_found', description: 'The case does not exist (no measure was imposed).' },
  { code: 'CASE.ALREADY_EXISTS', category: 'conflict', description: 'A measure was already imposed for this case id.' },
  {
    code: 'CASE.ENDED',
    category: 'rule',
    description: 'The measure has ended: no more steps, only corrections and retractions.',
  },
  { code: 'STEP.INVALID_DATE', category: 'rule', description: 'A date is not a real calendar date in YYYY-MM-DD.' },
  { code: 'STEP.DATE_IN_FUTURE', category: 'rule', description: 'A step cannot be dated after today.' },
  {
    code: 'STEP.BEFORE_PRONOUNCEMENT',
    category: 'rule',
    description: 'Assignments, plans, explanations, deadlines, extensions and ends cannot predate the measure.',
  },
  {
    code: 'MEASURE.GI_NOTIFIED_BEFORE_PRONOUNCEMENT',
    category: 'rule',
    description: 'The institution cannot be notified of a measure before it was pronounced.',
  },
  {
    code: 'MEASURE.ENDS_BEFORE_PRONOUNCEMENT',
    category: 'rule',
    description: 'A measure must end after the day it was pronounced.',
  },
  {
    code: 'MEASURE.UNKNOWN_MUNICIPALITY',
    category: 'rule',
    description: 'The municipality is not a Rijnmond municipality valid on the pronouncement date.',
  },
  {
    code: 'ASSIGNMENT.FIRST_MUST_BE_INITIAL',
    category: 'rule',
    description: 'The first protector assignment of a case must have reason INITIAL.',
  },
  {
    code: 'ASSIGNMENT.INITIAL_ALREADY_MADE',
    category: 'rule',
    description: 'The case already has its initial assignment; a later one needs another reason.',
  },
  {
    code: 'PLAN.NO_PARTICIPANTS',
    category: 'rule',
    description: 'A plan must record who took part in agreeing it.',
  },
  {
    code: 'WAITLIST.DUPLICATE_ENTRY',
    category: 'conflict',
    description: 'A waiting-list entry with this id already exists in the case.',
  },
  {
    code: 'WAITLIST.UNKNOWN_ENTRY',
    category: 'rule',
    description: 'No (non-retracted) waiting-list entry has this id.',
  },
  {
    code: 'WAITLIST.ENTRY_CLOSED',
    category: 'rule',
    description: 'The child or family already left this waiting list.',
  },
  {
    code: 'WAITLIST.LEFT_BEFORE_ENTRY',
    category: 'rule',
    description: 'A waiting list cannot be left before the day the wait began.',
  },
  {
    code: 'DEADLINE.NOT_EARLIER',
    category: 'rule',
    description: 'An advanced deadline must be earlier than the standard one (course 6 weeks, help 3 months).',
  },
  {
    code: 'EXTENSION.NOT_LATER',
    category: 'rule',
    description: 'An extension must move the end date after the current end date and after the extension date.',
  },
  {
    code: 'CORRECTION.UNKNOWN_EVENT',
    category: 'rule',
    description: 'The event to correct or retract is not a step of this case.',
  },
  {
    code: 'CORRECTION.ENTRY_RETRACTED',
    category: 'rule',
    description: 'The entry was retracted; it can no longer be corrected or retracted.',
  },
  {
    code: 'CORRECTION.CANNOT_RETRACT_MEASURE',
    category: 'rule',
    description: 'The imposed measure cannot be retracted; correct it instead.',
  },
  {
    code: 'CORRECTION.CASE_ID_CHANGED',
    category: 'rule',
    description: 'A correction of the imposed measure cannot change the case id.',
  },
  {
    code: 'CORRECTION.INVALIDATES_LATER_ENTRY',
    category: 'rule',
    description: 'The correction would make a later entry of the case break a rule; correct that entry first.',
  },
  {
    code: 'PRIVACY.BSN_IN_TEXT',
    category: 'rule',
    description: 'A text or reference field holds a number passing the BSN eleven-test: events hold only pseudonyms.',
  },
] as const satisfies readonly { code: string; category: DomainErrorCategory; description: string }[];

export type DomainRule = (typeof DOMAIN_RULES)[number];
export type DomainRuleCode = DomainRule['code'];

const RULE_BY_CODE: ReadonlyMap<string, DomainRule> = new Map(DOMAIN_RULES.map((rule) => [rule.code, rule]));

export const findDomainRule = (code: string): DomainRule | undefined => RULE_BY_CODE.get(code);

/** A refusal under one of the catalogued rules; the category comes from the catalogue. */
export const ruleError = (code: DomainRuleCode, message: string, field?: string): DomainError =>
  new DomainError(code, RULE_BY_CODE.get(code)!.category, message, field);
