import type { NextFunction, Request, Response } from 'express';
import { problem } from './problem';
import { sendProblem } from './problem-details.filter';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Express error middleware for what fails before Nest sees the request: the JSON body parser. Without it a
 * malformed or oversized body would get Express's HTML error page.
 */
export function bodyParserErrors(error: BodyParserError, request: Request, response: Response, next: NextFunction) {
  if (response.headersSent) return next(error);
  switch (error.type) {
    case 'entity.parse.failed':
      return sendProblem(response, request, problem('malformed-json', { detail: 'The body could not be parsed as JSON.' }));
    case 'entity.too.large':
      return sendProblem(
        response,
        request,
        problem('payload-too-large', { detail: `The body exceeds the limit of ${error.limit} bytes.` }),
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return sendProblem(response, request, problem('unsupported-media-type', { detail: error.message }));
    default:
      if (error.status && error.status >= 400 && error.status < 500) {
        return sendProblem(response, request, problem('validation-error', { status: error.status, detail: error.message }));
      }
      return next(error);
  }
}
