import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorCategory } from '@app/domain';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemException, ProblemType, problem } from './problem';

const DOMAIN_CATEGORY_PROBLEMS: Record<DomainErrorCategory, ProblemType> = {
  not_found: 'not-found',
  conflict: 'already-exists',
  rule: 'domain-rule',
};

const STATUS_PROBLEMS: Record<number, ProblemType> = {
  400: 'validation-error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  503: 'service-unavailable',
};

export function domainProblem(error: DomainError): ProblemDetails {
  return problem(DOMAIN_CATEGORY_PROBLEMS[error.category], {
    code: error.code,
    detail: error.message,
    ...(error.field ? { errors: [{ field: error.field, rule: error.code, message: error.message }] } : {}),
  });
}

/** Turns whatever was thrown into problem+json. Stack traces go to the log, never to the client. */
export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof ProblemException) return exception.problem;
  if (exception instanceof DomainError) return domainProblem(exception);
  if (isUnavailable(exception)) {
    return problem('service-unavailable', { detail: 'The event store did not answer; try again shortly.' });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const type = STATUS_PROBLEMS[status];
    // Nest's own messages ("Cannot POST /x") say nothing personal; keep them as detail.
    const detail = exception.message;
    return type ? problem(type, { detail }) : { ...problem('internal-error'), status, title: detail };
  }
  return problem('internal-error');
}

export function sendProblem(response: Response, request: Request, body: ProblemDetails): void {
  if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
  if (body.status === 503) response.setHeader('Retry-After', '1');
  response
    .status(body.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...body, instance: body.instance ?? request.originalUrl }));
}

/**
 * The store being down or busy is not the client's fault and not a bug either: 503, so clients retry.
 * EventStoreDB's client names its errors; SQLite reports a busy database by code.
 */
const UNAVAILABLE_ERROR_NAMES = new Set(['UnavailableError', 'DeadlineExceededError', 'NotLeaderError', 'CancelledError']);

function isUnavailable(exception: unknown): boolean {
  const { name, code } = (exception ?? {}) as { name?: unknown; code?: unknown };
  return (typeof name === 'string' && UNAVAILABLE_ERROR_NAMES.has(name)) || code === 'SQLITE_BUSY';
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const body = toProblem(exception);
    if (body.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    sendProblem(http.getResponse<Response>(), http.getRequest<Request>(), body);
  }
}
