import { createTRPCClient, httpBatchLink } from '@trpc/client';

import type { AppRouter } from '../server/trpc/appRouter.js';

export interface UsageClientOptions {
  /** The server's base URL, e.g. "http://127.0.0.1:8001". */
  url: string;
  /** An agent service's API key, sent as a bearer token. */
  apiKey?: string;
  /** Called before every request for a fresh Clerk session token; wins over `apiKey`. */
  getToken?: () => Promise<string | null>;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

async function authorizationHeaders(options: UsageClientOptions): Promise<Record<string, string>> {
  const token = options.getToken ? await options.getToken() : null;
  const credential = token ?? options.apiKey;
  return credential ? { Authorization: `Bearer ${credential}` } : {};
}

/**
 * A typed client for TypeScript services: every procedure's input and output are checked
 * against the server's router at compile time.
 *
 * @example
 *   const usage = createUsageClient({ url: 'http://127.0.0.1:8001', apiKey: process.env.KEY });
 *   await usage.trackUsage.mutate({ user_id: 'user_123', action: 'lead_generation',
 *     duration: 2.5, success: true });
 */
export function createUsageClient(options: UsageClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.url.replace(/\/+$/, '')}/trpc`,
        headers: () => authorizationHeaders(options),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}

export type UsageClient = ReturnType<typeof createUsageClient>;
