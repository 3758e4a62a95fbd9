import { initTRPC, TRPCError } from '@trpc/server';

import { callerKey, type Principal } from '../auth/principal.js';
import { StorageUnavailableError } from '../storage/usageStore.js';
import type { UsageContext } from './context.js';
import { describeError } from './errorDetails.js';
import { RetryLaterError } from './retryLater.js';

const STORAGE_RETRY_AFTER_SECONDS = 5;

const t = initTRPC.context<UsageContext>().create({
  // Stack traces stay in the server log; callers get the code, a message and the fields.
  isDev: false,
  errorFormatter({ shape, error }) {
    const { message, ...details } = describeError(error);
    const { code, httpStatus, path } = shape.data;
    return { ...shape, message, data: { code, httpStatus, path, ...details } };
  },
});

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

/** Turns a database outage into a 503 the caller can retry, at either door. */
const storageGuard = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof StorageUnavailableError) {
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: `storage is unavailable (${result.error.cause.message}); nothing was stored, retry later`,
      cause: new RetryLaterError(result.error.cause.message, STORAGE_RETRY_AFTER_SECONDS),
    });
  }
  return result;
});

/** Refuses unauthenticated callers with the reason, then applies the per-principal limit. */
const authenticated = t.middleware(({ ctx, next }) => {
  if (!ctx.authentication.ok) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authentication.reason });
  }
  const principal: Principal = ctx.authentication.principal;

  const decision = ctx.rateLimiter.take(callerKey(principal));
  if (!decision.allowed) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `too many requests; retry after ${decision.retryAfterSeconds} s`,
      cause: new RetryLaterError('rate limited', decision.retryAfterSeconds),
    });
  }

  return next({ ctx: { principal } });
});

export const authedProcedure = t.procedure.use(storageGuard).use(authenticated);
