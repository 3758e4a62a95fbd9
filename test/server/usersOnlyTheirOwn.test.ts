import { afterAll, beforeAll, expect, test } from 'vitest';

import { clerkEnv, sessionToken } from '../helpers/clerkTokens.js';
import {
  getMetrics,
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY, ...clerkEnv } });
});

afterAll(async () => {
  await server.close();
});

const alice = () => sessionToken({ userId: 'user_alice' });
const event = { action: 'lead_generation', duration: 1, success: true };

test('a user naming another user_id gets 403 and nothing is stored for anyone', async () => {
  const response = await postUsage(server.url, { ...event, user_id: 'user_bob' }, alice());
  const body = (await response.json()) as { error: { code: string; message: string } };
  const everyone = await getMetrics(server.url, {}, TEST_API_KEY);

  expect(response.status).toBe(403);
  expect(body.error.code).toBe('FORBIDDEN');
  expect(body.error.message).toContain('user_id');
  expect(await everyone.json()).toMatchObject({ total_searches: 0 });
});

test("a user reading another user's metrics gets 403", async () => {
  await postUsage(server.url, { ...event, user_id: 'user_bob' }, TEST_API_KEY);

  const response = await getMetrics(server.url, { user_id: 'user_bob' }, alice());

  expect(response.status).toBe(403);
});

test("a user without user_id sees only its own metrics, not everyone's", async () => {
  await postUsage(server.url, event, alice());

  const response = await getMetrics(server.url, {}, alice());
  const metrics = (await response.json()) as { total_searches: number; recent_activity: unknown[] };

  expect(metrics.total_searches).toBe(1);
  expect(metrics.recent_activity).toEqual([expect.objectContaining({ user_id: 'user_alice' })]);
});

test('the same rules hold at the tRPC door', async () => {
  const response = await fetch(`${server.url}/trpc/trackUsage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${alice()}` },
    body: JSON.stringify({ ...event, user_id: 'user_bob' }),
  });
  const read = await fetch(
    `${server.url}/trpc/usageMetrics?input=${encodeURIComponent(JSON.stringify({ user_id: 'user_bob' }))}`,
    { headers: { Authorization: `Bearer ${alice()}` } },
  );

  expect(response.status).toBe(403);
  expect(read.status).toBe(403);
  expect(
    await (await getMetrics(server.url, { user_id: 'user_bob' }, TEST_API_KEY)).json(),
  ).toMatchObject({ total_searches: 1 });
});
