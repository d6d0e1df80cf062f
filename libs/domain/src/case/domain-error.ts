/**
 * A refusal by the domain. The category decides the HTTP status in the shell (one place maps it);
 * the code is stable and documented in the README, so clients can rely on it.
 */
/**
 * - not_found: the case (or what the command refers to) does not exist -> 404
 * - conflict: the command clashes with what exists (a case id already taken) -> 409
 * - rule: a domain rule refuses the step -> 422
 */
export type DomainErrorCategory = 'not_found' | 'conflict' | 'rule';

export class DomainError extends Error {
  constructor(
    /** Stable reason code, e.g. CASE.ENDED. */
    readonly code: string,
    readonly category: DomainErrorCategory,
    message: string,
    /** The request field the rule is about, when there is one (e.g. 'assignedOn'). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export type Decision<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };

export const accept = <E>(...events: E[]): Decision<E> => ({ ok: true, events });
export const refuse = <E = never>(error: DomainError): Decision<E> => ({ ok: false, error });
