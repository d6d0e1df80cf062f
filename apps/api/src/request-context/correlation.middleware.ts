import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Request and correlation ids. A caller's X-Request-Id / X-Correlation-Id are kept when they look like ids
 * (anything else could smuggle data into logs), otherwise fresh ones are made; both are echoed back.
 */
export function requestIdFrom(request: Request): string {
  const given = request.header('x-request-id');
  return given && SAFE_ID.test(given) ? given : randomUUID();
}

export function correlationMiddleware(request: Request, response: Response, next: NextFunction): void {
  const req = request as Request & { id?: unknown; correlationId?: string };
  const requestId = typeof req.id === 'string' ? req.id : requestIdFrom(request);
  req.id = requestId;
  const given = request.header('x-correlation-id');
  req.correlationId = given && SAFE_ID.test(given) ? given : requestId;
  response.setHeader('X-Request-Id', requestId);
  response.setHeader('X-Correlation-Id', req.correlationId);
  next();
}
