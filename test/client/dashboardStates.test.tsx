// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';

import { clerkEnv } from '../helpers/clerkTokens';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { findSummary, renderDashboard, statValue } from './renderDashboard';
import { recordUsage } from './usageEvents';

const servers: TestServer[] = [];

async function freshServer(env?: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer(env ? { env } : {});
  servers.push(server);
  return server;
}

afterEach(async () => {
  cleanup();
  await Promise.all(servers.splice(0).map((server) => server.close().catch(() => undefined)));
});

test('shows a loading skeleton, then tells a new user how to send the first event', async () => {
  const server = await freshServer();
  renderDashboard(server.url);

  expect(screen.getByRole('status').textContent).toBe('Loading usage…');

  await screen.findByRole('heading', { name: 'No usage yet' });
  const command = screen.getByText(/^curl -X POST/);
  expect(command.textContent).toBe(
    `curl -X POST ${server.url}/track-usage -H 'Content-Type: application/json' ` +
      `-d '{"user_id": "user_123", "action": "lead_generation", "duration": 2.5, "success": true}'`,
  );
  expect(screen.getByRole('button', { name: 'Copy command' })).toBeDefined();
});

test('open local mode says loudly that anyone on this machine can see all usage', async () => {
  const server = await freshServer();
  renderDashboard(server.url);

  const banner = await screen.findByRole('complementary', { name: 'Open local mode' });
  expect(banner.textContent).toContain('anyone on this machine can see all usage');
  expect(await screen.findByRole('heading', { name: "Everyone's usage" })).toBeDefined();
});

test('a server that does not answer gives an error with a way to try again', async () => {
  const server = await freshServer();
  await server.close();
  renderDashboard(server.url);

  const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
  expect(within(alert).getByRole('heading', { name: "Couldn't load usage" })).toBeDefined();
  expect(alert.textContent).toContain('did not answer');
  expect(within(alert).getByRole('button', { name: 'Try again' })).toBeDefined();
});

test('a failed refresh keeps the last good numbers on screen and says they are old', async () => {
  const server = await freshServer();
  await recordUsage(server.url, [
    { user_id: 'user_123', action: 'lead_generation', duration: 2.5, success: true },
  ]);
  renderDashboard(server.url);
  const summary = await findSummary();
  expect(statValue(summary, 'Total actions')).toBe('1');

  await server.close();
  fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

  const status = await screen.findByText(/^Couldn't refresh — showing numbers from/, undefined, {
    timeout: 5000,
  });
  expect(status.getAttribute('role')).toBe('status');
  expect(status.querySelector('time')?.textContent).toMatch(/\d{1,2}:\d{2}/);
  expect(statValue(summary, 'Total actions')).toBe('1');
});

test('a server that refuses the session (401) shows the signed-out state', async () => {
  const server = await freshServer(clerkEnv);
  renderDashboard(server.url, {
    getToken: () => Promise.resolve(null),
    signInAction: <button type="button">Sign in</button>,
  });

  await screen.findByRole('heading', { name: 'Sign in to see your usage' });
  expect(screen.getByRole('button', { name: 'Sign in' })).toBeDefined();
  expect(screen.queryByRole('complementary', { name: 'Open local mode' })).toBeNull();
});

test('regression: a server that requires keys shows no open-mode banner', async () => {
  const server = await freshServer({ USAGE_API_KEYS: 'service-key-for-this-test-only' });
  renderDashboard(server.url);

  await screen.findByRole('heading', { name: 'Sign in to see your usage' });
  expect(screen.queryByRole('complementary', { name: 'Open local mode' })).toBeNull();
});
