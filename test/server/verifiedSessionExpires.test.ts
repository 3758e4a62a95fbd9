import { afterAll, beforeAll, expect, test, vi } from 'vitest';

import { clerkEnv, sessionToken } from '../helpers/clerkTokens.js';
import { getMetrics, startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

// Only Date is faked, before the server starts, so that Clerk's verifier and the server's
// memory of verified tokens both read the moved clock; timers and sockets stay real.
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.parse('2026-03-10T02:00:00Z'));
  server = await startTestServer({ env: clerkEnv });
});

afterAll(async () => {
  vi.useRealTimers();
  await server.close();
});

test('regression: a token that verified once is refused once it expires', async () => {
  const token = sessionToken({ userId: 'user_cached' });
  const first = await getMetrics(server.url, {}, token);

  vi.setSystemTime(Date.now() + 5 * 60_000);
  const later = await getMetrics(server.url, {}, token);

  expect(first.status).toBe(200);
  expect(later.status).toBe(401);
});
