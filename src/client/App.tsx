import type { ReactNode } from 'react';

import { Dashboard } from './Dashboard';
import { OpenModeBanner } from './components/OpenModeBanner';
import { PageShell } from './components/PageShell';
import type { GetSessionToken } from './trpc';
import { UsageProviders } from './UsageProviders';

export interface AppProps {
  /** The usage service's base URL; '' (the default) means this page's own origin. */
  apiUrl?: string;
  /** A fresh session token per request. Without it the page runs in open local mode. */
  getToken?: GetSessionToken;
  /** The signed-in user's menu, e.g. Clerk's UserButton. */
  accountControls?: ReactNode;
  /** Offered when the server refuses the session. */
  signInAction?: ReactNode;
}

/** The dashboard with its data layer. Sign-in, when there is one, wraps this from outside. */
export function App({ apiUrl = '', getToken, accountControls, signInAction }: AppProps) {
  const openMode = !getToken;
  const serviceOrigin = apiUrl.replace(/\/+$/, '') || window.location.origin;

  return (
    <PageShell accountControls={accountControls} banner={openMode ? <OpenModeBanner /> : null}>
      <UsageProviders apiUrl={apiUrl} getToken={getToken}>
        <Dashboard
          scopeTitle={openMode ? "Everyone's usage" : 'Your usage'}
          serviceOrigin={serviceOrigin}
          signInAction={signInAction}
        />
      </UsageProviders>
    </PageShell>
  );
}
