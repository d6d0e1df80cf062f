import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stdSerializers } from 'pino';
import type { AppConfig } from '../config/app-config';
import { requestIdFrom } from '../request-context/correlation.middleware';
import type { Request } from 'express';

/**
 * Structured request logs with request and correlation ids. Bodies, query strings and headers are not logged:
 * they can hold personal data, and the ids are enough to follow a request through.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      // The correlation middleware runs first and has settled the id already.
      genReqId: (request: IncomingMessage) => {
        const id = (request as IncomingMessage & { id?: unknown }).id;
        return typeof id === 'string' ? id : requestIdFrom(request as Request);
      },
      customProps: (request: IncomingMessage) => ({
        correlationId: (request as IncomingMessage & { correlationId?: string }).correlationId,
      }),
      // The serializers take the request and response as they are: wrapped (the default), each first copies
      // every header, the query and the params into an object of which only these fields are kept.
      wrapSerializers: false,
      serializers: {
        req: (req: Request) => ({
          id: req.id,
          method: req.method,
          path: (req.originalUrl ?? req.url).split('?')[0],
        }),
        res: (res: ServerResponse) => ({ statusCode: res.headersSent ? res.statusCode : null }),
        err: stdSerializers.err,
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    },
  };
}
