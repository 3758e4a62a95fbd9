import type { ReactNode } from 'react';

import { Dashboard } from './Dashboard';
import { OpenModeBanner } from './components/OpenModeBanner';
import { PageShell } from './components/PageShell';
import { trpc, type GetSessionToken } from './trpc';
import { UsageProviders } from './UsageProviders';

export interface AppProps {
  /** The usage service's base URL; '' (the default) means this page's own origin. */
  apiUrl?: string;
  /** A fresh session token per request. Without it the page has no sign-in. */
  getToken?: GetSessionToken;
  /** The signed-in user's menu, e.g. Clerk's UserButton. */
  accountControls?: ReactNode;
  /** Offered when the server refuses the session. */
  signInAction?: ReactNode;
}

/** The dashboard with its data layer. Sign-in, when there is one, wraps this from outside. */
export function App({ apiUrl = '', getToken, ...layout }: AppProps) {
  const serviceOrigin = apiUrl.replace(/\/+$/, '') || window.location.origin;

  return (
    <UsageProviders apiUrl={apiUrl} getToken={getToken}>
      <DashboardPage serviceOrigin={serviceOrigin} hasSignIn={Boolean(getToken)} {...layout} />
    </UsageProviders>
  );
}

interface DashboardPageProps {
  serviceOrigin: string;
  hasSignIn: boolean;
  accountControls?: ReactNode;
  signInAction?: ReactNode;
}

/**
 * Whether the page warns of open local mode is the server's answer, not the build's: a
 * dashboard built without sign-in may face a server that requires it, and the reverse.
 */
function DashboardPage({
  serviceOrigin,
  hasSignIn,
  accountControls,
  signInAction,
}: DashboardPageProps) {
  const serviceInfo = trpc.serviceInfo.useQuery(undefined, { staleTime: Infinity, retry: 1 });
  const openMode = serviceInfo.data?.open_mode ?? !hasSignIn;

  return (
    <PageShell
      accountControls={accountControls}
      banner={serviceInfo.data?.open_mode ? <OpenModeBanner /> : null}
    >
      <Dashboard
        scopeTitle={openMode ? "Everyone's usage" : 'Your usage'}
        serviceOrigin={serviceOrigin}
        signInAction={signInAction}
      />
    </PageShell>
  );
}
