import type { BusinessDate } from '../case/case-events';
import { isValidBusinessDate } from '../dates/business-date';

/**
 * The date checks of the norm engine's hot path. Valid YYYY-MM-DD dates order as text exactly as in time, so
 * business-date compares them as text once it knows them valid (it remembers the valid ones): these are its
 * functions, plus isDate, which turns away the ids and refs of most data fields by their length first.
 */
export { compareDates, isAfter, isBefore, isOnOrBefore, minDate, requireDate } from '../dates/business-date';

export const isDate = (value: unknown): value is BusinessDate =>
  typeof value === 'string' && value.length === 10 && isValidBusinessDate(value);
