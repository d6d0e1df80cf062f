import type { NextFunction, Request, Response } from 'express';
import { problem } from './problem';
import { sendProblem } from './problem-details.filter';

/** No request of this service nests deeper than a few levels; anything deeper is refused before it is walked. */
export const MAX_BODY_DEPTH = 16;

/** Depth of a parsed JSON value, walked iteratively so a hostile body cannot exhaust the call stack. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current as object)) stack.push([child, depth + 1]);
  }
  return false;
}

export function refuseDeepBodies(request: Request, response: Response, next: NextFunction): void {
  if (jsonDepthExceeds(request.body, MAX_BODY_DEPTH)) {
    return sendProblem(
      response,
      request,
      problem('validation-error', {
        detail: `The body is nested deeper than ${MAX_BODY_DEPTH} levels.`,
        errors: [{ field: '(body)', rule: 'maxDepth', message: `nesting deeper than ${MAX_BODY_DEPTH} levels is not accepted` }],
      }),
    );
  }
  next();
}
