import type { BusinessDate } from '../case/case-events';
import { addDays, isValidBusinessDate } from '../dates/business-date';
import type { CaseState } from '../case/case-state';
import type { CaseStatus, CaseStatusSegment, HelpWaitlistStatus } from './case-timeline';
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
export const dayAfter = (date: BusinessDate): BusinessDate | undefined => {
  if (daysAfter.has(date)) return daysAfter.get(date);
  const next = addDays(date, 1);
  const result = isValidBusinessDate(next) ? next : undefined;
  if (daysAfter.size >= MAX_REMEMBERED_DAYS) daysAfter.clear();
  daysAfter.set(date, result);
  return result;
};
const daysAfter = new Map<BusinessDate, BusinessDate | undefined>();
const MAX_REMEMBERED_DAYS = 100_000;

/** The first segment starts here, so every (four-digit) date falls in some segment. */
export const TIMELINE_START: BusinessDate = '0001-01-01';

/**
 * A case's statuses as segments: `statusOn` asked at every breakpoint (each business date of the effective
 * entries and each deadline, and the day after), adjacent equal statuses merged. See caseTimeline for why the
 * breakpoints suffice.
 */
export const segmentsOf = (state: CaseState, statusOn: (date: BusinessDate) => CaseStatus): CaseStatusSegment[] => {
  const breakpoints = new Set<BusinessDate>([TIMELINE_START]);
  for (const entry of state.entries) {
    if (entry.retracted) continue;
    for (const value of Object.values(entry.data)) addBreakpoint(breakpoints, value);
  }
  const statusAt = new Map<BusinessDate, CaseStatus>();
  for (const date of breakpoints) statusAt.set(date, statusOn(date));
  // Deadlines (the protector's is counted in working days under the policy) come from the engine. They depend
  // on D only through the entries dated by D, which change only at the dates above, so these verdicts name
  // every deadline the case ever has - standard or advanced.
  for (const status of [...statusAt.values()]) {
    for (const deadline of [status.protectorDeadline, status.planDeadline, status.helpDeadline]) {
      addBreakpoint(breakpoints, deadline);
    }
  }
  const dates = [...breakpoints].filter((date) => date >= TIMELINE_START).sort();
  const segments: CaseStatusSegment[] = [];
  for (const date of dates) {
    const status = statusAt.get(date) ?? statusOn(date);
    const last = segments.at(-1);
    if (last && sameStatus(last, status)) continue;
    if (last) last.until = date;
    segments.push(Object.assign({ from: date, until: null }, status)); // not a spread: see withFacts
  }
  return segments;
};
