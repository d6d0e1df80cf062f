import type { CaseEvent } from '../case/case-events';
import {
  deadlineAdvanced,
  deadlineExplained,
  helpStarted,
  measureEnded,
  measureImposed,
  waitlisted,
  waitlistLeft,
} from '../case/testing/case-fixtures';
import type { HelpFacts } from './norm-verdict';
import { corrected, evaluate, HELP_DUE, retracted, type ExpectedVerdict } from './testing/norm-fixtures';

type Row = [string, CaseEvent[], string, ExpectedVerdict<HelpFacts>];
const m = measureImposed();
const help = (startedOn: string, provider = 'provider-9d04') => helpStarted({ startedOn, provider });
const bridging = (startedOn: string) => helpStarted({ startedOn, bridging: true, helpType: 'LOCAL_TEAM' });
const afterIntake = (since: string, provider: string | null = 'provider-9d04') =>
  waitlisted({
    entryId: 'w-intake',
    waitingFor: 'HELP',
    since,
    reason: 'AFTER_INTAKE',
    provider: provider ?? undefined,
  });

describe('timely appropriate help: within 3 months of the pronouncement (deadline Tue 2021-06-01)', () => {
  it.each<Row>([
    ['met: help started in time', [m, help('2021-05-10')], '2021-09-01',
      { state: 'met', deadline: HELP_DUE, satisfiedOn: '2021-05-10',
        facts: { reasons: ['ON_TIME'], satisfiedBy: ['e2'], deadlineSource: 'STANDARD' } }],
    ['met: started on the deadline day', [m, help(HELP_DUE)], '2021-09-01', { state: 'met' }],
    ['pending: no help yet', [m], HELP_DUE, { state: 'pending', satisfiedOn: null, facts: { reasons: [] } }],
    ['notMet: no help after the deadline', [m], '2021-06-02', { state: 'notMet', facts: { reasons: ['MISSING'] } }],
    ['notMet: help started late', [m, help('2021-06-20')], '2021-09-01',
      { state: 'notMet', satisfiedOn: '2021-06-20', facts: { reasons: ['LATE'] } }],
    ['notMet: bridging help is no start of appropriate help', [m, bridging('2021-04-01')], '2021-09-01',
      { state: 'notMet', satisfiedOn: null, facts: { reasons: ['MISSING', 'BRIDGING_ONLY'], bridgingIds: ['e2'] } }],
    ['pending: only bridging help so far', [m, bridging('2021-04-01')], '2021-05-01',
      { state: 'pending', facts: { reasons: ['BRIDGING_ONLY'] } }],
    ['met: bridging, then appropriate help in time', [m, bridging('2021-04-01'), help('2021-05-20')], '2021-09-01',
      { state: 'met', satisfiedOn: '2021-05-20',
        facts: { reasons: ['ON_TIME'], satisfiedBy: ['e3'], bridgingIds: ['e2'] } }],
    ['met: help running since before the measure counts', [m, help('2021-01-15')], '2021-09-01',
      { state: 'met', satisfiedOn: '2021-01-15', facts: { reasons: ['ON_TIME', 'STARTED_BEFORE_MEASURE'] } }],
    ['notMet: an intake followed by a waiting list is no start',
      [m, help('2021-04-01'), afterIntake('2021-04-08')], '2021-09-01',
      { state: 'notMet', satisfiedOn: null,
        facts: { reasons: ['MISSING', 'INTAKE_THEN_WAITLIST'], intakeIds: ['e2'] } }],
    ['met: before the waiting list is dated, the intake still looks like a start (business time)',
      [m, help('2021-04-01'), afterIntake('2021-04-08')], '2021-04-05', { state: 'met', satisfiedOn: '2021-04-01' }],
    ['pending: once the waiting list is dated, the intake no longer counts',
      [m, help('2021-04-01'), afterIntake('2021-04-08')], '2021-04-10',
      { state: 'pending', facts: { reasons: ['INTAKE_THEN_WAITLIST'] } }],
    ['met: intake, waiting list, then real help in time',
      [m, help('2021-04-01'), afterIntake('2021-04-08'), waitlistLeft({ entryId: 'w-intake', leftOn: '2021-05-25' }),
        help('2021-05-25')], '2021-09-01',
      { state: 'met', satisfiedOn: '2021-05-25', facts: { satisfiedBy: ['e5'], intakeIds: ['e2'] } }],
    ['notMet: intake, waiting list, real help too late',
      [m, help('2021-04-01'), afterIntake('2021-04-08'), help('2021-06-20')], '2021-09-01',
      { state: 'notMet', satisfiedOn: '2021-06-20', facts: { reasons: ['LATE', 'INTAKE_THEN_WAITLIST'] } }],
    ['met: a waiting list after an intake elsewhere leaves other help standing',
      [m, help('2021-03-20', 'provider-local'), help('2021-04-01'), afterIntake('2021-04-08')], '2021-09-01',
      { state: 'met', satisfiedOn: '2021-03-20', facts: { intakeIds: ['e3'] } }],
    ['met: the intake is the start at the provider the waiting list names, not the latest start',
      [m, help('2021-03-25'), help('2021-04-01', 'provider-local'), afterIntake('2021-04-08')], '2021-09-01',
      { state: 'met', satisfiedOn: '2021-04-01', facts: { satisfiedBy: ['e3'], intakeIds: ['e2'] } }],
    ['notMet: a waiting list naming no provider unmasks the latest start before it',
      [m, help('2021-04-01', 'provider-x'), afterIntake('2021-04-08', null)], '2021-09-01',
      { state: 'notMet', facts: { intakeIds: ['e2'] } }],
    ['met: a waiting list for capacity (not after an intake) leaves the start standing',
      [m, help('2021-04-01'), waitlisted({ since: '2021-04-08', reason: 'CAPACITY' })], '2021-09-01', { state: 'met' }],
    ['explained: missing, with an explanation', [m, deadlineExplained({ norm: 'HELP', explainedOn: '2021-06-02' })],
      '2021-06-03', { state: 'explained', facts: { explainedOn: '2021-06-02' } }],
    ['explained: bridging only, with an explanation', [m, bridging('2021-04-01'), deadlineExplained({ norm: 'HELP' })],
      '2021-09-01', { state: 'explained', facts: { reasons: ['MISSING', 'BRIDGING_ONLY'] } }],
    ['notMet: an explanation of the course does not explain help',
      [m, deadlineExplained({ norm: 'PLAN', explainedOn: '2021-06-02' })], '2021-09-01', { state: 'notMet' }],
    ['notMet: an earlier case-specific deadline',
      [m, deadlineAdvanced({ norm: 'HELP', deadline: '2021-04-15' }), help('2021-05-10')], '2021-09-01',
      { state: 'notMet', deadline: '2021-04-15', facts: { reasons: ['LATE'], deadlineSource: 'ADVANCED' } }],
    ['an advanced course deadline leaves help alone', [m, deadlineAdvanced({ norm: 'PLAN' }), help('2021-05-10')],
      '2021-09-01', { state: 'met', deadline: HELP_DUE }],
    ['notApplicable: the measure ended before the deadline without help', [m, measureEnded({ endedOn: '2021-05-01' })],
      '2021-09-01', { state: 'notApplicable', facts: { reasons: ['ENDED_BEFORE_DEADLINE'], endedOn: '2021-05-01' } }],
    ['notApplicable: help dated after the end of the measure does not count',
      [m, measureEnded({ endedOn: '2021-05-01' }), help('2021-05-10')], '2021-09-01',
      { state: 'notApplicable', satisfiedOn: null }],
    ['3 months clamp at month end: pronounced 2020-11-30, due 2021-02-28',
      [measureImposed({ pronouncedOn: '2020-11-30', giNotifiedOn: '2020-12-01', endsOn: '2021-11-30' })], '2021-02-28',
      { state: 'pending', deadline: '2021-02-28' }],
    ['notMet: the help start was retracted', [m, help('2021-05-10'), retracted('e2')], '2021-09-01',
      { state: 'notMet', facts: { reasons: ['MISSING'], satisfiedBy: [] } }],
    ['notMet: the help start was corrected into bridging help',
      [m, help('2021-05-10'), corrected('e2', { ...help('2021-05-10').data, bridging: true })], '2021-09-01',
      { state: 'notMet', facts: { reasons: ['MISSING', 'BRIDGING_ONLY'] } }],
    ['met: retracting the waiting list restores the intake as a start',
      [m, help('2021-04-01'), afterIntake('2021-04-08'), retracted('e3')], '2021-09-01',
      { state: 'met', facts: { intakeIds: [] } }],
  ])('%s', (_why, events, on, expected) => {
    expect(evaluate(events, on).help).toMatchObject(expected);
  });
});
