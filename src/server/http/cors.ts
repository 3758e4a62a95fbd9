import type { RequestHandler } from 'express';

import { sendProblem } from './errorEnvelope.js';

const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Api-Key, X-Request-Id, trpc-accept';

/**
 * Lets the configured browser origins call the API with credentials. Preflights are
 * answered here, before authentication: a browser sends them without credentials.
 */
export function corsFor(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);

  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
    }
    res.append('Vary', 'Origin');

    if (req.method !== 'OPTIONS' || !req.get('access-control-request-method')) return next();

    if (!origin || !allowed.has(origin)) {
      sendProblem(res, {
        status: 403,
        code: 'FORBIDDEN',
        message: `origin ${origin ?? '(none)'} is not in ALLOWED_ORIGINS`,
      });
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
