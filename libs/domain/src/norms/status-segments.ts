import type { BusinessDate } from '../case/case-events';
import { addDays, isValidBusinessDate } from '../dates/business-date';
import type { CaseStatus, HelpWaitlistStatus } from './case-timeline';
import { isDate } from './known-dates';

/**
 * What turns statuses on dates into segments, shared by the case timeline and its test reference (which
 * differ only in how they compute the status on a date): when two statuses are the same segment, and which
 * dates can start one.
 */

// Records over the keys, so that a new status field does not compile until merging compares it too.
const COMPARED: Record<Exclude<keyof CaseStatus, 'helpWaitlist'>, true> = {
  protector: true, fixedProtector: true, plan: true, help: true,
  protectorDeadline: true, planDeadline: true, helpDeadline: true, measureActive: true, helpStarted: true,
  waitingForHelp: true, protectorAssigned: true, protectorRef: true, waitingForProtector: true,
};
const STATUS_KEYS = Object.keys(COMPARED) as (keyof typeof COMPARED)[];
const WAITLIST_COMPARED: Record<keyof HelpWaitlistStatus, true> = {
  entryId: true, since: true, helpType: true, provider: true, reason: true,
};
const WAITLIST_KEYS = Object.keys(WAITLIST_COMPARED) as (keyof HelpWaitlistStatus)[];

export const sameStatus = (a: CaseStatus, b: CaseStatus): boolean =>
  STATUS_KEYS.every((key) => a[key] === b[key]) &&
  (a.helpWaitlist === null || b.helpWaitlist === null
    ? a.helpWaitlist === b.helpWaitlist
    : WAITLIST_KEYS.every((key) => a.helpWaitlist![key] === b.helpWaitlist![key]));

/** Adds x and x + 1: a step dated x counts from x, a deadline x is passed from x + 1. */
export const addBreakpoint = (into: Set<BusinessDate>, date: unknown): void => {
  if (!isDate(date)) return;
  into.add(date);
  const next = dayAfter(date);
  if (next !== undefined) into.add(next);
};

/** date + 1, or undefined after 9999-12-31 (no YYYY-MM-DD form); remembered, as every case asks for the same days. */
const dayAfter = (date: BusinessDate): BusinessDate | undefined => {
  if (daysAfter.has(date)) return daysAfter.get(date);
  const next = addDays(date, 1);
  const result = isValidBusinessDate(next) ? next : undefined;
  if (daysAfter.size >= MAX_REMEMBERED_DAYS) daysAfter.clear();
  daysAfter.set(date, result);
  return result;
};
const daysAfter = new Map<BusinessDate, BusinessDate | undefined>();
const MAX_REMEMBERED_DAYS = 100_000;
