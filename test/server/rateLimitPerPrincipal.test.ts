import { afterAll, beforeAll, expect, test } from 'vitest';

import { clerkEnv, sessionToken } from '../helpers/clerkTokens.js';
import {
  getMetrics,
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

let now = Date.now();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: { USAGE_API_KEYS: TEST_API_KEY, RATE_LIMIT_PER_MINUTE: '3', ...clerkEnv },
    clock: () => now,
  });
});

afterAll(async () => {
  await server.close();
});

const event = { user_id: 'user_123', action: 'lead_generation', duration: 1, success: true };

test('the request over the limit is 429 with Retry-After, and is not stored', async () => {
  const statuses = [];
  for (let i = 0; i < 3; i += 1)
    statuses.push((await postUsage(server.url, event, TEST_API_KEY)).status);

  const limited = await postUsage(server.url, event, TEST_API_KEY);
  const body = (await limited.json()) as { error: { code: string; message: string } };

  expect(statuses).toEqual([201, 201, 201]);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(body.error.code).toBe('TOO_MANY_REQUESTS');
  expect(
    (await server.store.readMetrics({ userId: null, todayStart: 0, activityLimit: 1 }))
      .actionTotals[0]?.events,
  ).toBe(3);
});

test('another principal has its own allowance', async () => {
  const response = await getMetrics(server.url, {}, sessionToken({ userId: 'user_123' }));

  expect(response.status).toBe(200);
});

test('the tRPC door answers 429 with Retry-After too', async () => {
  const response = await fetch(`${server.url}/trpc/usageMetrics`, {
    headers: { Authorization: `Bearer ${TEST_API_KEY}` },
  });

  expect(response.status).toBe(429);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
});

test('the allowance comes back as the clock moves on', async () => {
  now += 60_000;

  const response = await getMetrics(server.url, {}, TEST_API_KEY);

  expect(response.status).toBe(200);
});
