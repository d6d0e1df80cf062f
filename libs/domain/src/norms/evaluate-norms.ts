import type { BusinessDate, RecordedCaseEvent } from '../case/case-events';
import type { CaseState } from '../case/case-state';
import type { CalendarPolicy } from '../calendar/calendar-policy';
import { defaultCalendarPolicy } from '../calendar/calendar-policies';
import { caseAsOf, type CaseAsOf } from './case-as-of';
import { helpVerdict } from './help-norm';
import type { NormFacts, NormVerdict, Timeliness } from './norm-verdict';
import { planVerdict } from './plan-norm';
import { fixedProtectorVerdict, protectorVerdict } from './protector-norms';

const noMeasure = <X extends object>(extra: X): NormVerdict<NormFacts & X> => ({
  state: 'notApplicable',
  deadline: null,
  satisfiedOn: null,
  facts: { reasons: ['NO_MEASURE'], satisfiedBy: [], explainedOn: null, explainedBy: [], endedOn: null, ...extra },
});

/**
 * The three norms of the inspection report (seed 003, ch. 4) for one case, as of an evaluation date: the
 * timely protector, the fixed protector, the timely supported course and timely appropriate help. Pure: the
 * evaluation date and the calendar policy come in as arguments, so a replay gives the same verdicts; the
 * policy's id is part of the result (BRIEF "Dates and calendars").
 *
 * Accepts the raw stream or a folded state; either way corrections and retractions are applied (case-state),
 * and only steps dated on or before the evaluation date count (case-as-of).
 */
export const evaluateNorms = (
  source: readonly RecordedCaseEvent[] | CaseState,
  evaluationDate: BusinessDate,
  policy: CalendarPolicy = defaultCalendarPolicy(),
): Timeliness => judgeCase(caseAsOf(source, evaluationDate), policy);

/** The verdicts on a case as of its evaluation date (evaluateNorms without the folding and filtering). */
export const judgeCase = (c: CaseAsOf, policy: CalendarPolicy): Timeliness => {
  const { pronouncedOn, giNotifiedOn } = c.summary;
  if (pronouncedOn === undefined || giNotifiedOn === undefined) {
    // No measure pronounced by the evaluation date (or none recorded): no norm applies yet.
    return {
      calendarPolicy: policy.id,
      protector: noMeasure({ deadlineSource: null }),
      fixedProtector: noMeasure({
        firstAssignedOn: null,
        plannedHandovers: 0,
        unplannedChanges: 0,
        unplannedChangeIds: [],
        fallbackIds: [],
        brokenOn: null,
      }),
      plan: noMeasure({ deadlineSource: null, unsupportedPlanIds: [] }),
      help: noMeasure({ deadlineSource: null, bridgingIds: [], intakeIds: [] }),
    };
  }
  return {
    calendarPolicy: policy.id,
    protector: protectorVerdict(c, giNotifiedOn, policy),
    fixedProtector: fixedProtectorVerdict(c),
    plan: planVerdict(c, pronouncedOn),
    help: helpVerdict(c, pronouncedOn),
  };
};
