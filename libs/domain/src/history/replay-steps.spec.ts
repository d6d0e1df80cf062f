import type { CaseEvent } from '../case/case-events';
import { deadlineAdvanced, guardianAssigned, measureImposed, planAgreed } from '../case/testing/case-fixtures';
import { corrected, PLAN_DUE, PROTECTOR_DUE } from '../norms/testing/norm-fixtures';
import type { HistoryEvent } from './bitemporal-history';
import { replaySteps } from './replay-steps';

const history = (...events: CaseEvent[]): HistoryEvent[] =>
  events.map((event, i) => ({ eventId: `e${i + 1}`, type: event.type, data: event.data, recordedAt: '2021-09-01T10:00:00Z' }));

// Protector late (2021-03-12), then corrected to on time (2021-03-09); a supported plan on 2021-04-01.
const events = history(
  measureImposed(),
  guardianAssigned({ assignedOn: '2021-03-12' }),
  deadlineAdvanced({ norm: 'PLAN', deadline: '2021-03-31' }),
  planAgreed({ agreedOn: '2021-04-01' }),
  corrected('e2', guardianAssigned({ assignedOn: '2021-03-09' }).data),
);

describe('replaySteps', () => {
  it('judges each row as of its own step date, never past asOf', () => {
    const rows = replaySteps(events, { asOf: '2021-09-01', evaluateAt: 'stepDate' });
    expect(rows.map((r) => [r.event.eventId, r.businessDate, r.evaluatedAsOf, r.timeliness.protector.state, r.timeliness.plan.state])).toEqual([
      ['e1', '2021-03-01', '2021-03-01', 'pending', 'pending'],
      ['e2', '2021-03-12', '2021-03-12', 'notMet', 'pending'],
      // Undated: judged at the previous row's date; the advanced deadline applies at once.
      ['e3', null, '2021-03-12', 'notMet', 'pending'],
      ['e4', '2021-04-01', '2021-04-01', 'notMet', 'notMet'],
      // The correction is judged at the corrected date of the step it affects.
      ['e5', '2021-03-09', '2021-03-09', 'met', 'pending'],
    ]);
    expect(replaySteps(events, { asOf: '2021-03-05', evaluateAt: 'stepDate' })[1].evaluatedAsOf).toBe('2021-03-05');
  });

  it('judges every row as of asOf when asked, showing how the verdict on that day changed as records came in', () => {
    const rows = replaySteps(events, { asOf: '2021-06-01', evaluateAt: 'asOf' });
    expect(rows.every((r) => r.evaluatedAsOf === '2021-06-01')).toBe(true);
    expect(rows.map((r) => r.timeliness.protector.state)).toEqual(['notMet', 'notMet', 'notMet', 'notMet', 'met']);
    expect(rows[0].timeliness.protector.deadline).toBe(PROTECTOR_DUE);
    expect(rows[1].timeliness.plan.deadline).toBe(PLAN_DUE);
    expect(rows[2].timeliness.plan).toMatchObject({ deadline: '2021-03-31', state: 'notMet' });
  });
});
