import type { CaseEvent, RecordedCaseEvent } from '../case-events';
import type { CaseCommand } from '../case-commands';
import { foldCase, type CaseState } from '../case-state';
import { decide } from '../decide';
import { DomainError, type Decision } from '../domain-error';
import { findDomainRule, type DomainRuleCode } from '../domain-rules';
import { TODAY } from './case-fixtures';

/**
 * given(events).when(command).then(events) | .thenRefused(code, field): the decider tests read as the
 * behaviour they pin down. Given events without an id get 'evt-1', 'evt-2', ... by position.
 */
type GivenEvent = CaseEvent | RecordedCaseEvent;

const record = (events: readonly GivenEvent[], offset = 0): RecordedCaseEvent[] =>
  events.map((event, i) => ('eventId' in event ? event : { ...event, eventId: `evt-${offset + i + 1}` }));

export const given = (...events: GivenEvent[]) => {
  const history = record(events);
  const state = foldCase(history);
  return {
    state,
    when: (command: CaseCommand, today: string = TODAY) => {
      const decision: Decision<CaseEvent> = decide(command, state, { today });
      return {
        decision,
        /** Asserts the exact events decided, and returns the state once they are appended. */
        then: (...expected: CaseEvent[]): CaseState => {
          expect(decision).toEqual({ ok: true, events: expected });
          return foldCase([...history, ...record(expected, history.length)]);
        },
        /** Asserts a refusal with this code and field; the category must be the catalogued one. */
        thenRefused: (code: DomainRuleCode, field?: string): DomainError => {
          expect(decision.ok).toBe(false);
          const error = (decision as { ok: false; error: DomainError }).error;
          expect(error).toBeInstanceOf(DomainError);
          expect({ code: error.code, field: error.field, category: error.category }).toEqual({
            code,
            field,
            category: findDomainRule(code)?.category,
          });
          return error;
        },
      };
    },
  };
};
