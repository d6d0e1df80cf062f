import type { BusinessDate, WaitlistedData, WaitlistLeftData } from '../case-events';
import { lookupWaitlistEntry, type CaseState } from '../case-state';
import { ruleError } from '../domain-rules';
import { isBefore } from '../../dates/business-date';
import { checkStepDate, type Check } from './checks';

/**
 * Waiting lists are what the region could not count (600 estimated, 132 "after a sharper analysis", seed 003),
 * so every entry has an id and is closed explicitly, once. A wait may have begun before the measure.
 */
export const checkWaitlisted = (d: WaitlistedData, state: CaseState, today: BusinessDate): Check =>
  checkStepDate('since', d.since, state, today, { mayPredateMeasure: true }) ??
  (lookupWaitlistEntry(state.waitlist, d.entryId)
    ? ruleError('WAITLIST.DUPLICATE_ENTRY', `Waiting-list entry ${d.entryId} already exists.`, 'entryId')
    : undefined);

export const checkWaitlistLeft = (d: WaitlistLeftData, state: CaseState, today: BusinessDate): Check => {
  const invalid = checkStepDate('leftOn', d.leftOn, state, today, { mayPredateMeasure: true });
  if (invalid) return invalid;
  const entry = lookupWaitlistEntry(state.waitlist, d.entryId);
  if (!entry) return ruleError('WAITLIST.UNKNOWN_ENTRY', `No waiting-list entry ${d.entryId}.`, 'entryId');
  if (!entry.open) {
    const message = `Waiting-list entry ${d.entryId} was left on ${entry.leftOn}.`;
    return ruleError('WAITLIST.ENTRY_CLOSED', message, 'entryId');
  }
  return isBefore(d.leftOn, entry.since)
    ? ruleError(
        'WAITLIST.LEFT_BEFORE_ENTRY',
        `leftOn (${d.leftOn}) lies before the wait began (${entry.since}).`,
        'leftOn',
      )
    : undefined;
};
