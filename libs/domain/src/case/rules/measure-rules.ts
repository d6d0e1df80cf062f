import type { BusinessDate, MeasureEndedData, MeasureExtendedData, MeasureImposedData } from '../case-events';
import type { CaseState } from '../case-state';
import { ruleError } from '../domain-rules';
import { isAfter, isBefore } from '../../dates/business-date';
import { municipalityValidOn } from '../../reference-data/municipalities';
import { checkStepDate, inFuture, invalidDate, type Check } from './checks';

export const checkMeasureImposed = (d: MeasureImposedData, today: BusinessDate): Check => {
  const invalid =
    invalidDate('pronouncedOn', d.pronouncedOn) ??
    invalidDate('giNotifiedOn', d.giNotifiedOn) ??
    (d.endsOn !== undefined ? invalidDate('endsOn', d.endsOn) : undefined);
  if (invalid) return invalid;
  return (
    inFuture('pronouncedOn', d.pronouncedOn, today) ??
    inFuture('giNotifiedOn', d.giNotifiedOn, today) ??
    // The protector clock starts at notification (seed 003): a notification before the ruling is a typo.
    (isBefore(d.giNotifiedOn, d.pronouncedOn)
      ? ruleError(
          'MEASURE.GI_NOTIFIED_BEFORE_PRONOUNCEMENT',
          `giNotifiedOn (${d.giNotifiedOn}) lies before pronouncedOn (${d.pronouncedOn}).`,
          'giNotifiedOn',
        )
      : undefined) ??
    (d.endsOn !== undefined && !isAfter(d.endsOn, d.pronouncedOn)
      ? ruleError(
          'MEASURE.ENDS_BEFORE_PRONOUNCEMENT',
          `endsOn (${d.endsOn}) must lie after pronouncedOn (${d.pronouncedOn}).`,
          'endsOn',
        )
      : undefined) ??
    // The paying municipality (woonplaatsbeginsel) must have existed when the judge ruled: merged codes stop.
    (municipalityValidOn(d.municipalityCode, d.pronouncedOn)
      ? undefined
      : ruleError(
          'MEASURE.UNKNOWN_MUNICIPALITY',
          `${d.municipalityCode} is not a Rijnmond municipality on ${d.pronouncedOn}.`,
          'municipalityCode',
        ))
  );
};

export const checkMeasureExtended = (d: MeasureExtendedData, state: CaseState, today: BusinessDate): Check => {
  const invalid = checkStepDate('extendedOn', d.extendedOn, state, today) ?? invalidDate('newEndsOn', d.newEndsOn);
  if (invalid) return invalid;
  // newEndsOn is in the future by nature: only its order against the current end and the extension counts.
  if (state.endsOn !== undefined && !isAfter(d.newEndsOn, state.endsOn)) {
    return ruleError(
      'EXTENSION.NOT_LATER',
      `newEndsOn (${d.newEndsOn}) must lie after the current end date (${state.endsOn}).`,
      'newEndsOn',
    );
  }
  if (!isAfter(d.newEndsOn, d.extendedOn)) {
    return ruleError(
      'EXTENSION.NOT_LATER',
      `newEndsOn (${d.newEndsOn}) must lie after extendedOn (${d.extendedOn}).`,
      'newEndsOn',
    );
  }
  return undefined;
};

export const checkMeasureEnded = (d: MeasureEndedData, state: CaseState, today: BusinessDate): Check =>
  checkStepDate('endedOn', d.endedOn, state, today);
