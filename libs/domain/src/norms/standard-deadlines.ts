import type { AdvanceableNorm, BusinessDate } from '../case/case-events';
import { addCalendarMonthsClamped, addDays } from '../dates/business-date';
import { assertNever } from '../shared/assert-never';

/** Norm 2 (seed 003, ch. 4): a supported course within 6 weeks of the pronouncement, read as +42 days. */
export const PLAN_DEADLINE_DAYS = 42;
/** Norm 3 (seed 003, ch. 4): appropriate help within 3 months of the pronouncement, clamped at month end. */
export const HELP_DEADLINE_MONTHS = 3;

/**
 * The standard deadline of a norm that counts from the pronouncement. A step on its deadline day is on time.
 * (The protector norm counts working days from notification and needs a calendar policy; it is not here.)
 */
export const standardDeadline = (norm: AdvanceableNorm, pronouncedOn: BusinessDate): BusinessDate => {
  // Remembered: the engine asks for the same deadline at every step date of a case (a rebuild, millions of times).
  const known = remembered[norm];
  let deadline = known.get(pronouncedOn);
  if (deadline === undefined) {
    deadline = computeDeadline(norm, pronouncedOn);
    if (known.size >= MAX_REMEMBERED) known.clear();
    known.set(pronouncedOn, deadline);
  }
  return deadline;
};
const remembered: Record<AdvanceableNorm, Map<BusinessDate, BusinessDate>> = { PLAN: new Map(), HELP: new Map() };
const MAX_REMEMBERED = 100_000;

const computeDeadline = (norm: AdvanceableNorm, pronouncedOn: BusinessDate): BusinessDate => {
  switch (norm) {
    case 'PLAN':
      return addDays(pronouncedOn, PLAN_DEADLINE_DAYS);
    case 'HELP':
      return addCalendarMonthsClamped(pronouncedOn, HELP_DEADLINE_MONTHS);
    default:
      return assertNever(norm, 'norm');
  }
};
