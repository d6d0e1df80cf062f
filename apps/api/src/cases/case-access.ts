import type { Actor } from '../auth/actor';
import { ProblemException } from '../problem-details/problem';

/**
 * Protectors write only their own institution's cases; admins write any case. Other roles never reach a
 * write route (the guard stops them), but refusing them here too keeps this rule whole in one place.
 */
export function authorizeCaseWrite(actor: Actor, caseInstitution: string | undefined): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'protector' && actor.institution !== undefined && actor.institution === caseInstitution) return;
  throw ProblemException.of('forbidden', {
    detail:
      actor.role === 'protector'
        ? 'Protectors may only record steps of their own institution’s cases.'
        : `The role ${actor.role} may not record case steps.`,
  });
}

/**
 * Case-level reads: protectors see their own institution's cases, auditors and admins every case; analysts
 * never get case-level data (the guard already keeps them out of these routes).
 */
export function authorizeCaseRead(actor: Actor, caseInstitution: string | undefined): void {
  if (actor.role === 'admin' || actor.role === 'auditor') return;
  if (actor.role === 'protector' && actor.institution !== undefined && actor.institution === caseInstitution) return;
  throw ProblemException.of('forbidden', {
    detail: actor.role === 'protector' ? 'Protectors may only read their own institution’s cases.' : `The role ${actor.role} may not read case data.`,
  });
}
