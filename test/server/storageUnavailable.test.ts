import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  getMetrics,
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

let server: TestServer;

// Closing the store under a running server is how storage "goes away" here: every query then
// fails the way a missing file or a lost connection does.
beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY } });
  await server.store.close();
});

afterAll(async () => {
  await server.close();
});

const event = { user_id: 'user_123', action: 'lead_generation', duration: 1, success: true };

test('a write while storage is unreachable is 503 with Retry-After', async () => {
  const response = await postUsage(server.url, event, TEST_API_KEY);
  const body = (await response.json()) as { error: { code: string; message: string } };

  expect(response.status).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(body.error.code).toBe('SERVICE_UNAVAILABLE');
  expect(body.error.message).toContain('nothing was stored');
});

test('a read while storage is unreachable is 503 with Retry-After', async () => {
  const response = await getMetrics(server.url, {}, TEST_API_KEY);

  expect(response.status).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
});

test('the tRPC door answers 503 with Retry-After as well', async () => {
  const response = await fetch(`${server.url}/trpc/trackUsage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_API_KEY}` },
    body: JSON.stringify(event),
  });

  expect(response.status).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
});

test('the health check answers 503 while storage does not answer', async () => {
  const response = await fetch(`${server.url}/healthz`);

  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('5');
  expect(await response.json()).toMatchObject({ status: 'unavailable', storage: 'sqlite' });
});
