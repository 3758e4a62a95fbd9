import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { DashboardSkeleton } from './components/DashboardSkeleton';
import { PageShell } from './components/PageShell';
import './styles.css';

// A separate chunk: open local mode never downloads Clerk.
const ClerkDashboard = lazy(() => import('./auth/ClerkAuth'));

const publishableKey = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY;
const apiUrl = import.meta.env.VITE_USAGE_API_URL ?? '';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

const loading = (
  <PageShell>
    <DashboardSkeleton />
  </PageShell>
);

createRoot(rootElement).render(
  <StrictMode>
    {publishableKey ? (
      <Suspense fallback={loading}>
        <ClerkDashboard publishableKey={publishableKey} apiUrl={apiUrl} />
      </Suspense>
    ) : (
      <App apiUrl={apiUrl} />
    )}
  </StrictMode>,
);
