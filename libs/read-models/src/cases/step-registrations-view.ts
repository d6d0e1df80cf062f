import { daysBetween, type StepEntry, stepDate } from '@app/domain';
import type { StepRegistrationTable } from '../database/read-model-schema';
import { amsterdamDateOf } from './case-change';

/**
 * step_registrations: one row per registered step, for the registration-lag KPI (seed 001: a step should be
 * registered within 21 days). A correction moves the step's business date and so its lag, but not when it was
 * registered; a retraction flags the row. The institution is the case's at registration time. The rows are
 * made as the case's events are folded (case-fold.ts); this is their business date and lag.
 */
export function registrationDates(
  entry: StepEntry,
  recordedAt: string,
): Pick<StepRegistrationTable, 'happened_on' | 'lag_days'> {
  // The GI can register a measure only once notified of it: court delays are not the GI's registration lag.
  const happenedOn = entry.type === 'MeasureImposed' ? entry.data.giNotifiedOn : stepDate(entry);
  if (happenedOn === undefined) return { happened_on: null, lag_days: null };
  return { happened_on: happenedOn, lag_days: dayNumberOf(amsterdamDateOf(recordedAt)) - dayNumberOf(happenedOn) };
}

/**
 * Days since 1970-01-01, remembered: daysBetween parses both dates on every call, and a rebuild asks for a
 * lag per registered step while the dates involved are a few thousand days. Invalid dates throw as before.
 */
const dayNumberOf = (date: string): number => {
  let days = dayNumbers.get(date);
  if (days === undefined) {
    days = daysBetween(EPOCH, date);
    if (dayNumbers.size >= 100_000) dayNumbers.clear();
    dayNumbers.set(date, days);
  }
  return days;
};
const EPOCH = '1970-01-01';
const dayNumbers = new Map<string, number>();
