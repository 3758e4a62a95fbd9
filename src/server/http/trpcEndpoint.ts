import type { Request, RequestHandler } from 'express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';

import type { Logger } from '../logging/logger.js';
import { appRouter } from '../trpc/appRouter.js';
import type { UsageContext } from '../trpc/context.js';
import { describeError } from '../trpc/errorDetails.js';

type ContextBuilder = (req: Request, requestId: string) => Promise<UsageContext>;

/** The tRPC door at `/trpc`: plain JSON on the wire, so any language can call it too. */
export function trpcEndpoint(buildContext: ContextBuilder, log: Logger): RequestHandler {
  return createExpressMiddleware({
    router: appRouter,
    createContext: ({ req, res }) => buildContext(req, String(res.locals.requestId)),
    responseMeta({ errors }) {
      const waits = errors.map((error) => describeError(error).retryAfterSeconds ?? 0);
      const retryAfter = Math.max(0, ...waits);
      return retryAfter > 0 ? { headers: { 'Retry-After': String(retryAfter) } } : {};
    },
    onError({ error, ctx, path }) {
      if (error.code !== 'INTERNAL_SERVER_ERROR') return;
      log.error({ err: error.cause ?? error, requestId: ctx?.requestId, path }, 'procedure failed');
    },
  });
}
