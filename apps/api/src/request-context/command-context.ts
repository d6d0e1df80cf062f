import { createHash, randomUUID } from 'node:crypto';
import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../auth/actor';
import { ProblemException } from '../problem-details/problem';
import { canonicalJson } from './canonical-json';

/** What the shell knows about the request behind a command; it ends up in the events' metadata. */
export interface CommandContext {
  actor: Actor;
  requestId: string;
  correlationId: string;
  /** The case version the client based its command on (If-Match), if it named one. */
  ifMatch?: number;
  idempotencyKey?: string;
  /** Fingerprint of method, route and body: a reused Idempotency-Key with another request is refused. */
  requestHash: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
// Strong comparison only (RFC 9110): a weak validator W/"3" is refused.
const IF_MATCH = /^"?(\d{1,15})"?$/;

function invalidHeader(header: string, message: string): ProblemException {
  return ProblemException.of('invalid-header', {
    detail: message,
    errors: [{ field: header, rule: 'format', message }],
  });
}

export function parseIfMatch(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '*') return undefined;
  const match = IF_MATCH.exec(raw.trim());
  if (!match) throw invalidHeader('If-Match', 'If-Match must be a case version, e.g. "3".');
  return Number(match[1]);
}

export function parseIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(raw)) {
    throw invalidHeader('Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
  }
  return raw;
}

type ContextRequest = Request & { actor?: Actor; id?: unknown; correlationId?: string };

export const CommandCtx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<ContextRequest>();
  if (!request.actor) throw ProblemException.of('unauthorized');
  const requestId = typeof request.id === 'string' ? request.id : randomUUID();
  const { method, params, body } = request;
  const route = request.route?.path ?? request.path;
  let requestHash: string | undefined;
  return {
    actor: request.actor,
    requestId,
    correlationId: request.correlationId ?? requestId,
    ifMatch: parseIfMatch(request.header('if-match')),
    idempotencyKey: parseIdempotencyKey(request.header('idempotency-key')),
    // Hashed when first read, which only a command with an Idempotency-Key does: most commands carry none.
    get requestHash(): string {
      requestHash ??= createHash('sha256').update(`${method} ${route}\n${canonicalJson(params)}\n${canonicalJson(body)}`).digest('hex');
      return requestHash;
    },
  };
});
