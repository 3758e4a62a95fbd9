import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';

import { createDashboardClient, trpc, type GetSessionToken } from './trpc';

export interface UsageProvidersProps {
  apiUrl: string;
  /** Keep it stable (Clerk's is): a new function builds a new tRPC client. */
  getToken?: GetSessionToken | undefined;
  children: ReactNode;
}

/** One query cache for the page's lifetime, and the tRPC client that fills it. */
export function UsageProviders({ apiUrl, getToken, children }: UsageProvidersProps) {
  const [queryClient] = useState(() => new QueryClient());
  const trpcClient = useMemo(() => createDashboardClient({ apiUrl, getToken }), [apiUrl, getToken]);

  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
