import { randomUUID } from 'node:crypto';

import type { RequestHandler, Response } from 'express';

import {
  createUsageContext,
  type ServiceDependencies,
  type UsageContext,
} from '../trpc/context.js';
import type { Logger } from '../logging/logger.js';
import { authenticationOf } from './authentication.js';

const CALLER_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Every request gets an id, the caller's own when it sent a sane one, echoed back. At debug
 * level each request is logged once it is answered; at info, requests are not logged at all.
 */
export function assignRequestId(log: Logger): RequestHandler {
  return (req, res, next) => {
    const offered = req.get('x-request-id');
    const requestId = offered && CALLER_REQUEST_ID.test(offered) ? offered : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);

    if (log.isLevelEnabled('debug')) {
      const started = performance.now();
      res.once('finish', () => {
        const { method, path } = req;
        const milliseconds = Math.round((performance.now() - started) * 10) / 10;
        log.debug({ requestId, method, path, status: res.statusCode, milliseconds }, 'request');
      });
    }
    next();
  };
}

export type ContextBuilder = (res: Response, requestId: string) => UsageContext;

/** Builds a procedure context from an HTTP request: the same for REST and for `/trpc`. */
export function contextFromRequest(dependencies: ServiceDependencies): ContextBuilder {
  return (res, requestId) =>
    createUsageContext(dependencies, { authentication: authenticationOf(res), requestId });
}
