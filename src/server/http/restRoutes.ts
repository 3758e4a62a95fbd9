import {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { TRPCError } from '@trpc/server';

import type { TrackUsageBatchInput, TrackUsageInput } from '../../shared/usageEventSchema.js';
import type { UsageMetricsInput } from '../../shared/usageMetricsSchema.js';
import { createAppCaller } from '../trpc/appRouter.js';
import { refuseUnauthenticated } from './authentication.js';
import { problemFromTrpcError, sendProblem } from './errorEnvelope.js';
import type { ContextBuilder } from './requestContext.js';

/**
 * Query strings carry text; the procedure takes typed input. A whole number is converted,
 * anything else is passed on as it came so that the schema names what is wrong with it.
 */
function metricsInputFromQuery(query: Request['query']): Record<string, unknown> {
  // No prototype: a parameter named __proto__ is then an unknown field like any other.
  const input: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) {
    const isWholeNumber = typeof value === 'string' && /^\d{1,6}$/.test(value);
    input[name] = name === 'activity_limit' && isWholeNumber ? Number(value) : value;
  }
  return input;
}

function methodNotAllowed(allowed: string) {
  return (_req: Request, res: Response) => {
    res.setHeader('Allow', allowed);
    sendProblem(res, {
      status: 405,
      code: 'METHOD_NOT_SUPPORTED',
      message: `use ${allowed} on this endpoint`,
    });
  };
}

function answerError(res: Response, error: unknown, onUnexpected: (error: unknown) => void): void {
  if (error instanceof TRPCError) {
    if (error.code === 'INTERNAL_SERVER_ERROR') onUnexpected(error.cause ?? error);
    sendProblem(res, problemFromTrpcError(error));
    return;
  }
  onUnexpected(error);
  sendProblem(res, {
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'internal error; the request was not stored',
  });
}

const EMPTY_BODY =
  'the body is empty or null; send one usage event as a JSON object, or an array of them';

/** POST /track-usage: one event as an object, or a batch as an array. */
function recordUsage(buildContext: ContextBuilder): RequestHandler {
  return async (req, res) => {
    const requestId = String(res.locals.requestId);
    const ctx = buildContext(res, requestId);
    // The body is untrusted JSON: the procedure's schema checks it, the casts only let it in.
    const body: unknown = req.body;
    if (body === undefined || body === null) {
      sendProblem(res, { status: 400, code: 'BAD_REQUEST', message: EMPTY_BODY });
      return;
    }

    try {
      const caller = createAppCaller(ctx);
      if (Array.isArray(body)) {
        const batch = await caller.trackUsageBatch(body as TrackUsageBatchInput);
        res.status(batch.stored > 0 ? 201 : 200).json(batch);
      } else {
        const outcome = await caller.trackUsage(body as TrackUsageInput);
        res.status(outcome.duplicate ? 200 : 201).json(outcome);
      }
    } catch (error) {
      answerError(res, error, (cause) =>
        ctx.log.error({ err: cause, requestId }, 'track-usage failed'),
      );
    }
  };
}

/** GET /usage-metrics: the query string is the procedure's input. */
function readUsageMetrics(buildContext: ContextBuilder): RequestHandler {
  return async (req, res) => {
    const requestId = String(res.locals.requestId);
    const ctx = buildContext(res, requestId);

    try {
      const input = metricsInputFromQuery(req.query) as UsageMetricsInput;
      const metrics = await createAppCaller(ctx).usageMetrics(input);
      res.setHeader('Cache-Control', 'no-store');
      res.json(metrics);
    } catch (error) {
      answerError(res, error, (cause) =>
        ctx.log.error({ err: cause, requestId }, 'usage-metrics failed'),
      );
    }
  };
}

export interface RestRouteSteps {
  buildContext: ContextBuilder;
  /** Runs first on every route: credentials from the headers, before any body. */
  authenticate: RequestHandler;
  /** Reads a JSON body, after the caller proved who it is. */
  readJsonBody: Array<RequestHandler | ErrorRequestHandler>;
}

/**
 * The REST door for agents that are not TypeScript. Each route checks credentials, reads,
 * runs the same procedure a tRPC client would call, and answers; the rules live in the
 * procedure. Route-level steps run without the path matching each app-level layer costs.
 */
export function restRoutes({ buildContext, authenticate, readJsonBody }: RestRouteSteps): Router {
  const routes = Router();

  routes.post(
    '/track-usage',
    authenticate,
    refuseUnauthenticated,
    ...readJsonBody,
    recordUsage(buildContext),
  );
  routes.all('/track-usage', methodNotAllowed('POST'));

  routes.get('/usage-metrics', authenticate, readUsageMetrics(buildContext));
  routes.all('/usage-metrics', methodNotAllowed('GET'));

  return routes;
}
