import type { BusinessDate } from '../case-events';
import type { DomainError } from '../domain-error';
import { ruleError } from '../domain-rules';
import { isAfter, isBefore, isValidBusinessDate } from '../../dates/business-date';

/** The outcome of one rule: the refusal, or undefined when the rule holds. Chain checks with `??`. */
export type Check = DomainError | undefined;

/** The part of the case a step's date rules look at. */
export interface PronouncedCase {
  pronouncedOn: BusinessDate | undefined;
}

// The shell validates formats too, but the domain must not compare strings that are not dates.
export const invalidDate = (field: string, value: unknown): Check =>
  isValidBusinessDate(value)
    ? undefined
    : ruleError('STEP.INVALID_DATE', `${field} must be a calendar date (YYYY-MM-DD).`, field);

export const inFuture = (field: string, value: BusinessDate, today: BusinessDate): Check =>
  isAfter(value, today)
    ? ruleError('STEP.DATE_IN_FUTURE', `${field} (${value}) lies after today (${today}).`, field)
    : undefined;

export const beforePronouncement = (field: string, value: BusinessDate, state: PronouncedCase): Check =>
  state.pronouncedOn !== undefined && isBefore(value, state.pronouncedOn)
    ? ruleError(
        'STEP.BEFORE_PRONOUNCEMENT',
        `${field} (${value}) lies before the measure was pronounced (${state.pronouncedOn}).`,
        field,
      )
    : undefined;

/**
 * The date on which a step happened: a real date, not after today, and - unless the step may predate the
 * measure (help already running, a wait that began before) - not before the pronouncement.
 */
export const checkStepDate = (
  field: string,
  value: unknown,
  state: PronouncedCase,
  today: BusinessDate,
  options: { mayPredateMeasure?: boolean } = {},
): Check => {
  const invalid = invalidDate(field, value);
  if (invalid) return invalid;
  const date = value as BusinessDate;
  const predates = options.mayPredateMeasure ? undefined : beforePronouncement(field, date, state);
  return inFuture(field, date, today) ?? predates;
};
