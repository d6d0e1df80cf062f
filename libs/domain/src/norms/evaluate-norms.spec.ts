import { foldCase } from '../case/case-state';
import {
  deadlineExplained,
  guardianAssigned,
  helpStarted,
  measureImposed,
  planAgreed,
  waitlisted,
} from '../case/testing/case-fixtures';
import { evaluateNorms } from './evaluate-norms';
import {
  compliance,
  emptyNormStateCounts,
  NORM_KEYS,
  timelinessView,
  type Timeliness,
} from './norm-verdict';
import { evaluate, HELP_DUE, PLAN_DUE, PROTECTOR_DUE, stream } from './testing/norm-fixtures';

/**
 * A whole case, as an inspector would check it by hand (seed 003 checked 24 dossiers this way): protector on
 * time, one turnover, a course agreed with the parents, an intake at a provider followed by its waiting list,
 * and help from another provider late but explained.
 */
const dossier = stream(
  measureImposed(),
  guardianAssigned({ assignedOn: '2021-03-08' }),
  guardianAssigned({ assignedOn: '2021-05-03', protectorRef: 'protector-77c1', reason: 'TURNOVER' }),
  planAgreed({ agreedOn: '2021-04-09', participants: ['PARENTS', 'NETWORK'] }),
  helpStarted({ startedOn: '2021-05-17', provider: 'provider-9d04' }),
  waitlisted({ entryId: 'w-1', since: '2021-05-24', provider: 'provider-9d04', reason: 'AFTER_INTAKE' }),
  deadlineExplained({ norm: 'HELP', explainedOn: '2021-06-02', reason: 'Waiting list after intake.' }),
  helpStarted({ startedOn: '2021-07-05', provider: 'provider-e1f0', helpType: 'D_OVERDAG' }),
);

describe('evaluateNorms', () => {
  it('judges a whole dossier', () => {
    expect(timelinessView(evaluateNorms(dossier, '2021-09-01'))).toEqual({
      calendarPolicy: 'cao-jeugdzorg',
      protector: { state: 'met', deadline: PROTECTOR_DUE, satisfiedOn: '2021-03-08' },
      fixedProtector: { state: 'met', deadline: null, satisfiedOn: '2021-03-08' },
      plan: { state: 'met', deadline: PLAN_DUE, satisfiedOn: '2021-04-09' },
      help: { state: 'explained', deadline: HELP_DUE, satisfiedOn: '2021-07-05' },
    });
    expect(evaluateNorms(dossier, '2021-09-01').help.facts).toEqual({
      reasons: ['LATE', 'INTAKE_THEN_WAITLIST'],
      satisfiedBy: ['e8'],
      explainedOn: '2021-06-02',
      explainedBy: ['e7'],
      endedOn: null,
      deadlineSource: 'STANDARD',
      bridgingIds: [],
      intakeIds: ['e5'],
    });
  });

  it('replays the dossier as it stood on earlier dates', () => {
    const states = (on: string) => {
      const t = evaluateNorms(dossier, on);
      return NORM_KEYS.map((key) => t[key].state);
    };
    expect(states('2021-03-05')).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(states('2021-03-08')).toEqual(['met', 'met', 'pending', 'pending']);
    expect(states('2021-05-20')).toEqual(['met', 'met', 'met', 'met']);
    expect(states('2021-06-01')).toEqual(['met', 'met', 'met', 'pending']);
  });

  it('gives the same verdicts from the stream or from the folded state, every time', () => {
    expect(evaluateNorms(foldCase(dossier), '2021-09-01')).toEqual(evaluateNorms(dossier, '2021-09-01'));
    expect(evaluateNorms(dossier, '2021-09-01')).toEqual(evaluateNorms(dossier, '2021-09-01'));
  });

  it('applies no norm without a measure, or before it was pronounced', () => {
    const none = {
      state: 'notApplicable',
      deadline: null,
      satisfiedOn: null,
      facts: expect.objectContaining({ reasons: ['NO_MEASURE'] }),
    };
    for (const result of [evaluate([], '2021-09-01'), evaluate([measureImposed()], '2021-02-28')]) {
      expect(result).toEqual({
        calendarPolicy: 'cao-jeugdzorg',
        protector: none,
        fixedProtector: none,
        plan: none,
        help: none,
      });
    }
  });

  it('refuses an evaluation date that is not a business date', () => {
    expect(() => evaluate([measureImposed()], '2021-02-30')).toThrow(RangeError);
  });
});

describe('read-model helpers', () => {
  it('counts states per norm and derives the compliance percentages', () => {
    const verdicts: Timeliness[] = ['2021-03-05', '2021-05-20', '2021-06-01', '2021-09-01'].map((on) =>
      evaluateNorms(dossier, on),
    );
    const counts = emptyNormStateCounts();
    for (const t of verdicts) counts[t.help.state] += 1;
    expect(counts).toEqual({ met: 1, explained: 1, notMet: 0, pending: 2, notApplicable: 0 });
    expect(compliance(counts)).toEqual({ percentMet: 50, percentMetOrExplained: 100 });
  });

  it('has no percentage when nothing was judged', () => {
    expect(compliance({ ...emptyNormStateCounts(), pending: 3, notApplicable: 1 })).toEqual({
      percentMet: null,
      percentMetOrExplained: null,
    });
  });
});
