import { createCallerFactory, mergeRouters } from './trpc.js';
import { usageRouter } from './usageRouter.js';

/** The whole API. Clients import only its type. */
export const appRouter = mergeRouters(usageRouter);

export type AppRouter = typeof appRouter;

/** A server-side caller: the REST routes and the tests call procedures through it. */
export const createAppCaller = createCallerFactory(appRouter);
