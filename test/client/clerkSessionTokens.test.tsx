// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';

import ClerkDashboard from '../../src/client/auth/ClerkAuth';
import { clerkEnv, CLERK_TEST_PUBLISHABLE_KEY, sessionToken } from '../helpers/clerkTokens';
import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/testServer';
import { eventually, pause } from './eventually';
import { findSummary, statValue } from './renderDashboard';
import { startRequestRecorder, type RequestRecorder } from './requestRecorder';
import { recordUsage } from './usageEvents';

// Clerk's script comes from Clerk's servers, which a test cannot reach. Its React hooks are
// replaced by a double that signs tokens with the key the server is configured to trust.
const clerk = vi.hoisted(() => ({
  signedIn: true,
  issued: [] as string[],
  getToken: (): Promise<string | null> => Promise.resolve(null),
}));

vi.mock('@clerk/react', () => ({
  ClerkProvider: ({ children }: { children: ReactNode }) => children,
  ClerkLoading: () => null,
  ClerkFailed: () => null,
  Show: ({ when, children }: { when: string; children: ReactNode }) =>
    (when === 'signed-in') === clerk.signedIn ? children : null,
  SignInButton: ({ children }: { children: ReactNode }) => children,
  UserButton: () => <button type="button">Account</button>,
  useAuth: () => ({ getToken: clerk.getToken }),
}));

let server: TestServer;
let recorder: RequestRecorder;

beforeEach(async () => {
  server = await startTestServer({ env: { ...clerkEnv, USAGE_API_KEYS: TEST_API_KEY } });
  recorder = await startRequestRecorder(server.url);
  const action = { action: 'lead_generation', duration: 1.5, success: true };
  await recordUsage(
    server.url,
    [
      { user_id: 'user_123', ...action },
      { user_id: 'user_123', ...action },
      { user_id: 'user_other', ...action },
    ],
    TEST_API_KEY,
  );

  clerk.signedIn = true;
  clerk.issued = [];
  // Each call signs a new token (a second older each time, so none is ever the same string).
  const startedAt = Date.now();
  clerk.getToken = vi.fn(() => {
    const token = sessionToken({ userId: 'user_123', now: startedAt - clerk.issued.length * 1000 });
    clerk.issued.push(token);
    return Promise.resolve(token);
  });
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});

afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await recorder.close();
  await server.close();
});

function renderClerkDashboard() {
  return render(
    <ClerkDashboard publishableKey={CLERK_TEST_PUBLISHABLE_KEY} apiUrl={recorder.url} />,
  );
}

test('every request carries a fresh session token, and the server accepts each', async () => {
  renderClerkDashboard();
  const summary = await findSummary();

  vi.advanceTimersByTime(30_000);
  await eventually(() => expect(recorder.metricsReads()).toHaveLength(2));
  vi.advanceTimersByTime(30_000);
  await eventually(() => expect(recorder.metricsReads()).toHaveLength(3));
  await pause(100);

  const reads = recorder.metricsReads();
  expect(clerk.getToken).toHaveBeenCalledTimes(3);
  expect(new Set(clerk.issued).size).toBe(3);
  expect(reads.map((read) => read.authorization)).toEqual(
    clerk.issued.map((token) => `Bearer ${token}`),
  );
  expect(reads.map((read) => read.status)).toEqual([200, 200, 200]);

  expect(statValue(summary, 'Total actions')).toBe('2');
  expect(screen.getByRole('heading', { name: 'Your usage' })).toBeDefined();
  expect(screen.getByRole('button', { name: 'Account' })).toBeDefined();
  expect(screen.queryByRole('complementary', { name: 'Open local mode' })).toBeNull();
});

test('signed out, it offers sign-in and asks the server nothing', async () => {
  clerk.signedIn = false;
  renderClerkDashboard();

  expect(screen.getByRole('heading', { name: 'Sign in to see your usage' })).toBeDefined();
  expect(screen.getByRole('button', { name: 'Sign in' })).toBeDefined();
  await pause(200);
  expect(recorder.requests).toHaveLength(0);
  expect(clerk.getToken).not.toHaveBeenCalled();
});
