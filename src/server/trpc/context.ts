import type { Authentication } from '../auth/principal.js';
import type { Logger } from '../logging/logger.js';
import type { RateLimiter } from '../rateLimiter.js';
import type { UsageStore } from '../storage/usageStore.js';

/** What the procedures need, built once per process. */
export interface ServiceDependencies {
  store: UsageStore;
  rateLimiter: RateLimiter;
  clock: () => number;
  log: Logger;
  /** No Clerk and no API key configured: loopback callers may do anything. */
  openMode: boolean;
}

/** Everything a procedure may use: who is calling, and the service around it. */
export interface UsageContext extends ServiceDependencies {
  authentication: Authentication;
  requestId: string;
}

/**
 * The context without HTTP: the adapters build one from a request, and tests build one
 * directly to call the procedures through a caller.
 */
export function createUsageContext(
  dependencies: ServiceDependencies,
  request: { authentication: Authentication; requestId: string },
): UsageContext {
  return { ...dependencies, ...request };
}
