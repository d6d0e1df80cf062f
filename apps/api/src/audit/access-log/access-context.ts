import { randomUUID } from 'node:crypto';
import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { ruleError } from '@app/domain';
import { containsBsn } from '@app/domain/privacy';
import type { Actor } from '../../auth/actor';
import { ProblemException } from '../../problem-details/problem';
import type { AccessContext } from './access-record';

export const ACCESS_REASON_HEADER = 'X-Access-Reason';
export const ACCESS_REASON_MAX = 500;
// Printable ASCII: Node hands header values over as latin1, so anything else would be stored garbled.
const PRINTABLE = /^[\x20-\x7e]+$/;

function invalidReason(message: string): ProblemException {
  return ProblemException.of('invalid-header', {
    detail: message,
    errors: [{ field: ACCESS_REASON_HEADER, rule: 'format', message }],
  });
}

/**
 * The optional reason a reader gives for a read. Refused (400) when empty, longer than 500 characters or not
 * printable; refused (422, PRIVACY.BSN_IN_TEXT) when it holds a number passing the BSN eleven-test, because it
 * is stored in the event store like any event. The message never repeats the reason.
 */
export function parseAccessReason(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const reason = raw.trim();
  if (reason.length === 0 || reason.length > ACCESS_REASON_MAX || !PRINTABLE.test(reason)) {
    throw invalidReason(`${ACCESS_REASON_HEADER} must be 1 to ${ACCESS_REASON_MAX} printable ASCII characters.`);
  }
  if (containsBsn(reason)) {
    throw ruleError(
      'PRIVACY.BSN_IN_TEXT',
      `${ACCESS_REASON_HEADER} contains a number that passes the BSN eleven-test; give a reason without it.`,
      ACCESS_REASON_HEADER,
    );
  }
  return reason;
}

/** `/cases/:caseId/history` -> `/cases/{caseId}/history`. */
const routeTemplate = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

type AccessRequest = Request & { actor?: Actor; id?: unknown; correlationId?: string };

/**
 * Who reads, by which route, why, and under which request and correlation ids: everything an access record
 * needs except the case. Evaluated with the other parameters, after the guard and before the read, so a bad
 * X-Access-Reason refuses the request before anything is loaded.
 */
export const AccessCtx = createParamDecorator((_: unknown, context: ExecutionContext): AccessContext => {
  const request = context.switchToHttp().getRequest<AccessRequest>();
  const actor = request.actor;
  if (!actor) throw ProblemException.of('unauthorized');
  const requestId = typeof request.id === 'string' ? request.id : randomUUID();
  const routePath: unknown = request.route?.path;
  return {
    sub: actor.sub,
    role: actor.role,
    institution: actor.institution ?? null,
    route: `${request.method} ${routeTemplate(typeof routePath === 'string' ? routePath : request.path)}`,
    reason: parseAccessReason(request.header(ACCESS_REASON_HEADER)),
    requestId,
    correlationId: request.correlationId ?? requestId,
  };
});
