import type { CaseCommand } from './case-commands';
import { given } from './testing/decider-spec';
import {
  CASE_ID,
  measureEnded,
  measureExtended,
  measureImposed,
  stepCommands,
} from './testing/case-fixtures';

const impose = (o: Parameters<typeof measureImposed>[0] = {}): CaseCommand => ({
  type: 'ImposeMeasure',
  data: measureImposed(o).data,
});

describe('ImposeMeasure', () => {
  it('records MeasureImposed and the case exists', () => {
    const state = given().when(impose()).then(measureImposed());
    expect(state).toMatchObject({
      exists: true,
      caseId: CASE_ID,
      institution: 'JBRR',
      measureType: 'OTS',
      pronouncedOn: '2021-03-01',
      giNotifiedOn: '2021-03-03',
      endsOn: '2022-03-01',
      ended: false,
    });
  });

  it('accepts a measure pronounced and notified today, and one without an end date', () => {
    given()
      .when(impose({ pronouncedOn: '2021-09-01', giNotifiedOn: '2021-09-01', endsOn: undefined }))
      .then(measureImposed({ pronouncedOn: '2021-09-01', giNotifiedOn: '2021-09-01', endsOn: undefined }));
  });

  it('refuses a second measure on the same case', () => {
    given(measureImposed()).when(impose()).thenRefused('CASE.ALREADY_EXISTS', 'caseId');
  });

  it('refuses a pronouncement after today', () => {
    given()
      .when(impose({ pronouncedOn: '2021-09-02', giNotifiedOn: '2021-09-02' }))
      .thenRefused('STEP.DATE_IN_FUTURE', 'pronouncedOn');
  });

  it('refuses a notification after today', () => {
    given().when(impose({ giNotifiedOn: '2021-09-02' })).thenRefused('STEP.DATE_IN_FUTURE', 'giNotifiedOn');
  });

  it('refuses dates that are not calendar dates', () => {
    given().when(impose({ pronouncedOn: '2021-02-30' })).thenRefused('STEP.INVALID_DATE', 'pronouncedOn');
    given().when(impose({ giNotifiedOn: '03-03-2021' })).thenRefused('STEP.INVALID_DATE', 'giNotifiedOn');
    given().when(impose({ endsOn: '2022-13-01' })).thenRefused('STEP.INVALID_DATE', 'endsOn');
  });

  it('refuses a notification before the pronouncement', () => {
    given()
      .when(impose({ giNotifiedOn: '2021-02-28' }))
      .thenRefused('MEASURE.GI_NOTIFIED_BEFORE_PRONOUNCEMENT', 'giNotifiedOn');
  });

  it.each(['2021-03-01', '2021-02-01'])('refuses an end date (%s) not after the pronouncement', (endsOn) => {
    given().when(impose({ endsOn })).thenRefused('MEASURE.ENDS_BEFORE_PRONOUNCEMENT', 'endsOn');
  });

  it('accepts an end date in the future: it is future by nature', () => {
    given().when(impose({ endsOn: '2030-01-01' })).then(measureImposed({ endsOn: '2030-01-01' }));
  });

  it.each([
    ['outside the region (Amsterdam)', 'GM0363', '2021-03-01'],
    ['merged into Nissewaard in 2015', 'GM0612', '2021-03-01'],
    ['Nissewaard before it existed', 'GM1930', '2014-06-02'],
    ['Voorne aan Zee before it existed', 'GM1992', '2021-03-01'],
    ['Westvoorne after the 2023 merger', 'GM0614', '2023-01-02'],
  ])('refuses a municipality %s', (_why, municipalityCode, pronouncedOn) => {
    given()
      .when(impose({ municipalityCode, pronouncedOn, giNotifiedOn: pronouncedOn, endsOn: undefined }), '2023-06-01')
      .thenRefused('MEASURE.UNKNOWN_MUNICIPALITY', 'municipalityCode');
  });

  it('accepts Spijkenisse for a measure pronounced in 2014', () => {
    const data = { municipalityCode: 'GM0612', pronouncedOn: '2014-06-02', giNotifiedOn: '2014-06-03', endsOn: undefined };
    given().when(impose(data)).then(measureImposed(data));
  });
});

describe('ExtendMeasure', () => {
  const extend = (o: Parameters<typeof measureExtended>[0] = {}): CaseCommand => ({
    type: 'ExtendMeasure',
    data: measureExtended(o).data,
  });

  it('records MeasureExtended and moves the end date', () => {
    const state = given(measureImposed()).when(extend()).then(measureExtended());
    expect(state.endsOn).toBe('2023-03-01');
    expect(state.extensionCount).toBe(1);
  });

  it.each(['2022-03-01', '2022-02-01'])('refuses a new end date (%s) not after the current one', (newEndsOn) => {
    given(measureImposed()).when(extend({ newEndsOn })).thenRefused('EXTENSION.NOT_LATER', 'newEndsOn');
  });

  it('compares with the end date of the latest extension', () => {
    given(measureImposed(), measureExtended({ newEndsOn: '2023-03-01' }))
      .when(extend({ newEndsOn: '2022-09-01' }))
      .thenRefused('EXTENSION.NOT_LATER', 'newEndsOn');
  });

  it('without a current end date, refuses a new end date not after the extension date', () => {
    given(measureImposed({ endsOn: undefined }))
      .when(extend({ extendedOn: '2021-08-20', newEndsOn: '2021-08-20' }))
      .thenRefused('EXTENSION.NOT_LATER', 'newEndsOn');
  });

  it('refuses an extension dated before the pronouncement or after today', () => {
    given(measureImposed()).when(extend({ extendedOn: '2021-02-27' })).thenRefused('STEP.BEFORE_PRONOUNCEMENT', 'extendedOn');
    given(measureImposed()).when(extend({ extendedOn: '2021-09-02' })).thenRefused('STEP.DATE_IN_FUTURE', 'extendedOn');
  });

  it('refuses a new end date that is not a date', () => {
    given(measureImposed()).when(extend({ newEndsOn: '2023-02-29' })).thenRefused('STEP.INVALID_DATE', 'newEndsOn');
  });
});

describe('EndMeasure', () => {
  const end = (o: Parameters<typeof measureEnded>[0] = {}): CaseCommand => ({
    type: 'EndMeasure',
    data: measureEnded(o).data,
  });

  it('records MeasureEnded and the case is ended', () => {
    const state = given(measureImposed()).when(end()).then(measureEnded());
    expect(state).toMatchObject({ ended: true, endedOn: '2021-08-25' });
  });

  it('accepts an end on the day of the pronouncement and on today', () => {
    given(measureImposed()).when(end({ endedOn: '2021-03-01' })).then(measureEnded({ endedOn: '2021-03-01' }));
    given(measureImposed()).when(end({ endedOn: '2021-09-01' })).then(measureEnded({ endedOn: '2021-09-01' }));
  });

  it('refuses an end before the pronouncement or after today', () => {
    given(measureImposed()).when(end({ endedOn: '2021-02-28' })).thenRefused('STEP.BEFORE_PRONOUNCEMENT', 'endedOn');
    given(measureImposed()).when(end({ endedOn: '2021-09-02' })).thenRefused('STEP.DATE_IN_FUTURE', 'endedOn');
  });
});

describe('every step command', () => {
  it.each(stepCommands().map((c) => [c.type, c] as const))('%s on a case that does not exist: CASE.NOT_FOUND', (_t, command) => {
    given().when(command).thenRefused('CASE.NOT_FOUND');
  });

  it.each(stepCommands().map((c) => [c.type, c] as const))('%s after the measure ended: CASE.ENDED', (_t, command) => {
    given(measureImposed(), measureEnded()).when(command).thenRefused('CASE.ENDED');
  });

  it('CorrectEntry and RetractEntry on a case that does not exist: CASE.NOT_FOUND', () => {
    given()
      .when({ type: 'CorrectEntry', data: { correctsEventId: 'evt-1', reason: 'typo', data: measureEnded().data } })
      .thenRefused('CASE.NOT_FOUND');
    given().when({ type: 'RetractEntry', data: { retractsEventId: 'evt-1', reason: 'typo' } }).thenRefused('CASE.NOT_FOUND');
  });
});
