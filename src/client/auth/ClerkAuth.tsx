import {
  ClerkFailed,
  ClerkLoading,
  ClerkProvider,
  Show,
  SignInButton,
  UserButton,
  useAuth,
} from '@clerk/react';

import { App } from '../App';
import { primaryButton } from '../components/buttonStyles';
import { DashboardSkeleton } from '../components/DashboardSkeleton';
import { PageShell } from '../components/PageShell';
import { SignedOutState } from '../components/SignedOutState';

export interface ClerkDashboardProps {
  publishableKey: string;
  apiUrl: string;
}

function SignInAction() {
  return (
    <SignInButton mode="modal">
      <button type="button" className={primaryButton}>
        Sign in
      </button>
    </SignInButton>
  );
}

function SignedInDashboard({ apiUrl }: { apiUrl: string }) {
  // Clerk's getToken answers its cached token while it is fresh and renews it before it
  // expires, so asking on every request is cheap and never sends a stale one.
  const { getToken } = useAuth();
  return (
    <App
      apiUrl={apiUrl}
      getToken={getToken}
      accountControls={<UserButton />}
      signInAction={<SignInAction />}
    />
  );
}

/**
 * The dashboard behind Clerk's sign-in. Loaded only when the build has a publishable key, so
 * open local mode never downloads Clerk.
 */
export default function ClerkDashboard({ publishableKey, apiUrl }: ClerkDashboardProps) {
  return (
    <ClerkProvider publishableKey={publishableKey} afterSignOutUrl="/">
      <ClerkLoading>
        <PageShell>
          <DashboardSkeleton />
        </PageShell>
      </ClerkLoading>
      <ClerkFailed>
        <PageShell>
          <p role="alert" className="text-sm text-slate-700">
            Sign-in could not load. Check the network connection, then reload the page.
          </p>
        </PageShell>
      </ClerkFailed>
      <Show when="signed-in">
        <SignedInDashboard apiUrl={apiUrl} />
      </Show>
      <Show when="signed-out">
        <PageShell>
          <SignedOutState signInAction={<SignInAction />} />
        </PageShell>
      </Show>
    </ClerkProvider>
  );
}
