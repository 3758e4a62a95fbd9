import { randomUUID } from 'node:crypto';

import type { Request, RequestHandler } from 'express';

import type { Authenticator } from '../auth/authenticator.js';
import {
  createUsageContext,
  type ServiceDependencies,
  type UsageContext,
} from '../trpc/context.js';

const CALLER_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Every request gets an id, the caller's own when it sent a sane one, echoed back. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const offered = req.get('x-request-id');
  const requestId = offered && CALLER_REQUEST_ID.test(offered) ? offered : randomUUID();
  res.locals.requestId = requestId;
  res.setHeader('X-Request-Id', requestId);
  next();
};

/** Builds a procedure context from an HTTP request: the same for REST and for `/trpc`. */
export function contextFromRequest(
  authenticator: Authenticator,
  dependencies: ServiceDependencies,
): (req: Request, requestId: string) => Promise<UsageContext> {
  return async (req, requestId) => {
    const authentication = await authenticator.authenticate({
      authorization: req.get('authorization'),
      apiKey: req.get('x-api-key'),
      cookie: req.get('cookie'),
      remoteAddress: req.socket.remoteAddress,
    });
    return createUsageContext(dependencies, { authentication, requestId });
  };
}
