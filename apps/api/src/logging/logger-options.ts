import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
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
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    },
  };
}
