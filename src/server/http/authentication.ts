import type { Request, RequestHandler, Response } from 'express';

import type { Authenticator } from '../auth/authenticator.js';
import type { Authentication } from '../auth/principal.js';
import type { RateLimiter } from '../rateLimiter.js';
import { sendProblem } from './errorEnvelope.js';

/** The outcome `authenticateRequests` left for this request's procedures. */
export function authenticationOf(res: Response): Authentication {
  return res.locals.authentication as Authentication;
}

function credentialsOf(req: Request) {
  return {
    authorization: req.get('authorization'),
    apiKey: req.get('x-api-key'),
    cookie: req.get('cookie'),
    remoteAddress: req.socket.remoteAddress,
    host: req.get('host'),
  };
}

/**
 * Checks credentials from the headers alone, before any body is read, so that a caller with
 * none pays for nothing more. Callers whose credentials fail are limited per address: their
 * principal is unknown, and each bad token still costs a signature check.
 */
export function authenticateRequests(
  authenticator: Authenticator,
  failedAttempts: RateLimiter,
): RequestHandler {
  return async (req, res, next) => {
    const authentication = await authenticator.authenticate(credentialsOf(req));
    res.locals.authentication = authentication;
    if (authentication.ok) return next();

    const decision = failedAttempts.take(`address:${req.socket.remoteAddress ?? 'unknown'}`);
    if (decision.allowed) return next();
    sendProblem(res, {
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      message: `too many requests with failing credentials; retry after ${decision.retryAfterSeconds} s`,
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  };
}

/** On the REST door a request without valid credentials is answered before its body is read. */
export const refuseUnauthenticated: RequestHandler = (_req, res, next) => {
  const authentication = authenticationOf(res);
  if (authentication.ok) return next();
  sendProblem(res, { status: 401, code: 'UNAUTHORIZED', message: authentication.reason });
};
