import { Router, type Request, type Response } from 'express';
import { TRPCError } from '@trpc/server';

import type { TrackUsageBatchInput, TrackUsageInput } from '../../shared/usageEventSchema.js';
import type { UsageMetricsInput } from '../../shared/usageMetricsSchema.js';
import { createAppCaller } from '../trpc/appRouter.js';
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

/**
 * The REST door for agents that are not TypeScript. Each handler parses, runs the same
 * procedure a tRPC client would call, and answers; authorisation lives in the procedure.
 */
export function restRoutes(buildContext: ContextBuilder): Router {
  const routes = Router();

  routes.post('/track-usage', async (req, res) => {
    const requestId = String(res.locals.requestId);
    const ctx = buildContext(res, requestId);
    if (req.body === undefined || req.body === null) {
      sendProblem(res, {
        status: 400,
        code: 'BAD_REQUEST',
        message: 'the body is empty; send one usage event as a JSON object, or an array of them',
      });
      return;
    }

    // The body is untrusted JSON: the procedure's schema checks it, these casts only let it in.
    const body: unknown = req.body;
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
  });
  routes.all('/track-usage', methodNotAllowed('POST'));

  routes.get('/usage-metrics', async (req, res) => {
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
  });
  routes.all('/usage-metrics', methodNotAllowed('GET'));

  return routes;
}
