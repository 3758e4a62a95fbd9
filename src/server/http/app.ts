import express, { type ErrorRequestHandler, type RequestHandler } from 'express';

import { Authenticator } from '../auth/authenticator.js';
import type { Config } from '../config.js';
import type { ServiceDependencies } from '../trpc/context.js';
import { corsFor } from './cors.js';
import { dashboardAssets } from './dashboardAssets.js';
import { sendProblem } from './errorEnvelope.js';
import { bodyErrors, parseJsonBody, requireJsonBody } from './jsonBody.js';
import { RateLimiter } from '../rateLimiter.js';
import { authenticateRequests } from './authentication.js';
import { assignRequestId, contextFromRequest } from './requestContext.js';
import { restRoutes } from './restRoutes.js';
import { trpcEndpoint } from './trpcEndpoint.js';

export interface AppOptions {
  config: Config;
  dependencies: ServiceDependencies;
  /** Where the built dashboard lives; omitted, no dashboard is served. */
  clientDir?: string;
}

/** Several middlewares as one layer: they run for every request, so their order is fixed. */
function inSequence(...steps: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let index = 0;
    const advance = (error?: unknown) => {
      const step = steps[index++];
      if (error !== undefined || !step) return next(error);
      void step(req, res, advance);
    };
    advance();
  };
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
};

function healthCheck(dependencies: ServiceDependencies): RequestHandler {
  return async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      await dependencies.store.checkHealth();
      res.json({ status: 'ok', storage: dependencies.store.kind });
    } catch (error) {
      dependencies.log.warn({ err: error }, 'health check: storage did not answer');
      res.setHeader('Retry-After', '5');
      res.status(503).json({
        status: 'unavailable',
        storage: dependencies.store.kind,
        message: 'storage did not answer; see the server log',
      });
    }
  };
}

const notFound: RequestHandler = (req, res) => {
  sendProblem(res, {
    status: 404,
    code: 'NOT_FOUND',
    message: `no route ${req.method} ${req.path}; see the API at POST /track-usage and GET /usage-metrics`,
  });
};

function lastResort(dependencies: ServiceDependencies): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    dependencies.log.error({ err: error, requestId: res.locals.requestId }, 'unhandled error');
    if (res.headersSent) return;
    sendProblem(res, { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'internal error' });
  };
}

/** A tenth of the per-principal limit, and off with it: enough for people mistyping a key. */
function failedAttemptsPerMinute(config: Config): number {
  return config.RATE_LIMIT_PER_MINUTE === 0 ? 0 : Math.max(60, config.RATE_LIMIT_PER_MINUTE / 10);
}

/** Wires the one process: REST, `/trpc`, the health check and the dashboard. */
export function createApp({ config, dependencies, clientDir }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are never the same twice; hashing each one for an ETag would be wasted work.
  app.set('etag', false);
  app.set('trust proxy', false);

  const authenticator = new Authenticator(config);
  const failedAttempts = new RateLimiter(failedAttemptsPerMinute(config), dependencies.clock);
  const buildContext = contextFromRequest(dependencies);

  app.use(
    inSequence(assignRequestId(dependencies.log), securityHeaders, corsFor(config.ALLOWED_ORIGINS)),
  );
  app.get('/healthz', healthCheck(dependencies));

  // Each door declares its own steps: a route's handlers run without the path matching that
  // every app-level layer costs, which adds up on the ingest path.
  const limit = config.BODY_LIMIT_BYTES;
  const authenticate = authenticateRequests(authenticator, failedAttempts);
  const readJsonBody = [requireJsonBody, parseJsonBody(limit), bodyErrors(limit)];
  app.use('/trpc', authenticate, ...readJsonBody, trpcEndpoint(buildContext, dependencies.log));
  app.use(restRoutes({ buildContext, authenticate, readJsonBody }));

  if (clientDir) app.use(dashboardAssets(clientDir));
  app.use(notFound);
  app.use(lastResort(dependencies));
  return app;
}
