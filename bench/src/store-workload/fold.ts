import type { StoredEvent } from '@app/event-store';
import { WORKLOAD_EVENT_TYPES } from './shape';

/** W3's fold of a stream: {count per type, last date, event count}. */
export interface StreamFold {
  countPerType: Record<string, number>;
  lastDate: string | undefined;
  events: number;
}

export const emptyFold = (): StreamFold => ({ countPerType: {}, lastDate: undefined, events: 0 });

export function foldEvent(fold: StreamFold, event: Pick<StoredEvent, 'type' | 'data'>): StreamFold {
  fold.countPerType[event.type] = (fold.countPerType[event.type] ?? 0) + 1;
  fold.lastDate = (event.data as { date?: string }).date;
  fold.events += 1;
  return fold;
}

/** A named yes/no the note asks for; a failed one fails the bench. */
export interface WorkloadCheck {
  name: string;
  passed: boolean;
  detail: string;
}

export const check = (name: string, passed: boolean, detail: string): WorkloadCheck => ({ name, passed, detail });

/** Every stream holds exactly `expected` events. */
export function checkStreamLengths(name: string, lengths: Iterable<number>, streams: number, expected: number): WorkloadCheck {
  let seen = 0;
  let wrong = 0;
  for (const length of lengths) {
    seen += 1;
    if (length !== expected) wrong += 1;
  }
  return check(name, seen === streams && wrong === 0, `${seen} of ${streams} streams read, ${wrong} without exactly ${expected} events`);
}

/** Each of the five types occurs `expected` times over all folds. */
export function checkTypeCounts(name: string, folds: Iterable<StreamFold>, expected: number): WorkloadCheck {
  const totals: Record<string, number> = {};
  for (const fold of folds) {
    for (const [type, count] of Object.entries(fold.countPerType)) totals[type] = (totals[type] ?? 0) + count;
  }
  const passed =
    Object.keys(totals).length === WORKLOAD_EVENT_TYPES.length &&
    WORKLOAD_EVENT_TYPES.every((type) => totals[type] === expected);
  return check(name, passed, `${JSON.stringify(totals)}; expected ${expected} of each of ${WORKLOAD_EVENT_TYPES.length} types`);
}
