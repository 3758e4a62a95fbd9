import { httpBatchLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';

import type { AppRouter } from '../server/trpc/appRouter';

/** The dashboard's hooks, typed by the server's router: a renamed field fails the build. */
export const trpc = createTRPCReact<AppRouter>();

/** Returns a session token that is valid now, or null when nobody is signed in. */
export type GetSessionToken = () => Promise<string | null>;

export interface DashboardClientOptions {
  /** The usage service's base URL; '' means this page's own origin. */
  apiUrl: string;
  /** Asked before every request: without it (open local mode) no credentials are sent. */
  getToken?: GetSessionToken | undefined;
}

/**
 * Plain JSON over `/trpc`, no transformer, so the wire format stays the one agents read.
 * Clerk's session tokens live 60 seconds, so one is asked for on every request, never kept.
 */
export function createDashboardClient({ apiUrl, getToken }: DashboardClientOptions) {
  return trpc.createClient({
    links: [
      httpBatchLink({
        url: `${apiUrl.replace(/\/+$/, '')}/trpc`,
        async headers() {
          const token = getToken ? await getToken() : null;
          return token ? { Authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}
