import { NORM_KEYS, timelinessView } from '@app/domain';
import type { ReplayEvaluation, ReplayStep } from '@app/domain/history/replay-steps';
import { caseStateView, timelinessWithFacts } from '../cases/queries/case-view';
import { type CaseHistory, type HistoryStoredEvent, historyEventRecord } from './case-history.reader';

/** What the replay prints, in either format. */
export interface Replay {
  history: CaseHistory;
  asOf: string;
  knownAt: string | null;
  evaluateAt: ReplayEvaluation;
  steps: ReplayStep<HistoryStoredEvent>[];
}

/**
 * For machines: each step is the history endpoint's event record plus the row's dates and verdicts, and the
 * closing state and timeliness are exactly what GET /cases/{caseId}/history answers for the same window.
 */
export function renderReplayJson({ history, asOf, knownAt, evaluateAt, steps }: Replay): string {
  const document = {
    caseId: history.caseId,
    asOf,
    knownAt,
    evaluatedAt: evaluateAt,
    steps: steps.map((step) => ({
      ...historyEventRecord(step.event, history.affects),
      businessDate: step.businessDate,
      evaluatedAsOf: step.evaluatedAsOf,
      norms: timelinessView(step.timeliness),
    })),
    state: caseStateView(history.selection.state),
    timeliness: timelinessWithFacts(history.selection.timeliness),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const actorOf = (metadata: Record<string, unknown>): string => {
  const actor = metadata.actor as { sub?: string; role?: string; institution?: string } | undefined;
  if (!actor) return '-';
  return `${actor.sub ?? '?'} (${[actor.role, actor.institution].filter(Boolean).join(' ')})`;
};

/** Columns padded to their widest cell, so the table reads in any terminal or file without a library. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

/** For people: one line per event with who recorded it when, what it says happened when, and the verdicts. */
export function renderReplayText({ history, asOf, knownAt, evaluateAt, steps }: Replay): string {
  const revisionOf = new Map(steps.map((step) => [step.event.eventId, step.event.stored.revision]));
  const lines = [
    `Case ${history.caseId}: what had happened by ${asOf}, ${knownAt === null ? 'as recorded so far' : `as known at ${knownAt}`}`,
    evaluateAt === 'asOf'
      ? `Norms after each step, judged as of ${asOf}`
      : `Norms after each step, judged as of the step's own date (undated steps: the previous row's)`,
    '',
  ];
  if (steps.length === 0) {
    lines.push('(no events in this window)');
  } else {
    const header = ['#', 'position', 'recorded at', 'recorded by', 'event', 'on', 'judged at', ...NORM_KEYS];
    const rows = steps.map(({ event, businessDate, evaluatedAsOf, timeliness }) => {
      const affected = history.affects.get(event.eventId);
      const verb = event.type === 'EntryRetracted' ? 'retracts' : 'corrects';
      const what = affected ? `${event.type} (${verb} #${revisionOf.get(affected.eventId) ?? '?'} ${affected.type})` : event.type;
      const recordedAt = typeof event.recordedAt === 'string' ? event.recordedAt : '-';
      return [
        String(event.stored.revision),
        String(event.stored.position),
        recordedAt,
        actorOf(event.stored.metadata),
        what,
        businessDate ?? '-',
        evaluatedAsOf,
        ...NORM_KEYS.map((norm) => timeliness[norm].state),
      ];
    });
    lines.push(table([header, ...rows]));
  }
  const final = history.selection.timeliness;
  lines.push('', `Verdicts as of ${asOf} (calendar ${final.calendarPolicy}):`);
  lines.push(
    table(
      NORM_KEYS.map((norm) => {
        const { state, deadline, satisfiedOn } = final[norm];
        return [`  ${norm}`, state, `deadline ${deadline ?? '-'}`, `satisfied on ${satisfiedOn ?? '-'}`];
      }),
    ),
  );
  return `${lines.join('\n')}\n`;
}
