import type { RequestHandler } from 'express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';

import type { Logger } from '../logging/logger.js';
import { appRouter } from '../trpc/appRouter.js';
import { describeError } from '../trpc/errorDetails.js';
import type { ContextBuilder } from './requestContext.js';

/** The tRPC door at `/trpc`: plain JSON on the wire, so any language can call it too. */
export function trpcEndpoint(buildContext: ContextBuilder, log: Logger): RequestHandler {
  return createExpressMiddleware({
    router: appRouter,
    createContext: ({ res }) => buildContext(res, String(res.locals.requestId)),
    responseMeta({ errors }) {
      const waits = errors.map((error) => describeError(error).retryAfterSeconds ?? 0);
      const retryAfter = Math.max(0, ...waits);
      // tRPC sets its own Vary; the answer also depends on the Origin the CORS headers echo.
      const headers: Record<string, string> = {
        'Cache-Control': 'no-store',
        Vary: 'Origin, trpc-accept, Accept',
      };
      if (retryAfter > 0) headers['Retry-After'] = String(retryAfter);
      return { headers };
    },
    onError({ error, ctx, path }) {
      if (error.code !== 'INTERNAL_SERVER_ERROR') return;
      log.error({ err: error.cause ?? error, requestId: ctx?.requestId, path }, 'procedure failed');
    },
  });
}
