import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

const NOW = Date.parse('2026-03-10T02:00:00Z');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY }, clock: () => NOW });
});

afterAll(async () => {
  await server.close();
});

function eventAt(timestamp: string) {
  return { user_id: 'user_123', action: 'lead_generation', duration: 1, success: true, timestamp };
}

test('a timestamp more than 5 minutes ahead of the server clock is refused, naming it', async () => {
  const response = await postUsage(server.url, eventAt('2026-03-10T02:05:01Z'), TEST_API_KEY);
  const body = (await response.json()) as {
    error: { issues: { field: string; message: string }[] };
  };

  expect(response.status).toBe(400);
  expect(body.error.issues).toEqual([
    { field: 'timestamp', message: expect.stringContaining('5 minutes ahead') as unknown },
  ]);
});

test('the same instant written with another offset is refused too', async () => {
  const response = await postUsage(server.url, eventAt('2026-03-10T11:05:01+09:00'), TEST_API_KEY);

  expect(response.status).toBe(400);
});

test('exactly 5 minutes ahead is accepted: a client clock a little fast is fine', async () => {
  const response = await postUsage(server.url, eventAt('2026-03-10T02:05:00Z'), TEST_API_KEY);

  expect(response.status).toBe(201);
});

test('a timestamp in the past is accepted as a late event', async () => {
  const response = await postUsage(server.url, eventAt('2025-12-31T23:59:59Z'), TEST_API_KEY);

  expect(response.status).toBe(201);
});
