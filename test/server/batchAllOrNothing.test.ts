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

function event(index: number, extra: Record<string, unknown> = {}) {
  return {
    user_id: 'user_batch',
    action: 'lead_generation',
    duration: index,
    success: true,
    ...extra,
  };
}

async function totalSearches(): Promise<number> {
  const response = await getMetrics(server.url, { user_id: 'user_batch' }, TEST_API_KEY);
  return ((await response.json()) as { total_searches: number }).total_searches;
}

test('one bad event in a batch refuses the whole batch, naming its index', async () => {
  const batch = [event(1), event(2), event(3, { duration: '3' }), event(4)];

  const response = await postUsage(server.url, batch, TEST_API_KEY);
  const body = (await response.json()) as { error: { issues: { field: string }[] } };

  expect(response.status).toBe(400);
  expect(body.error.issues.map((issue) => issue.field)).toEqual(['[2].duration']);
  expect(await totalSearches()).toBe(0);
});

test('one event too far ahead refuses the whole batch', async () => {
  const ahead = new Date(Date.now() + 60 * 60_000).toISOString();

  const response = await postUsage(
    server.url,
    [event(1), event(2, { timestamp: ahead })],
    TEST_API_KEY,
  );
  const body = (await response.json()) as { error: { issues: { field: string }[] } };

  expect(response.status).toBe(400);
  expect(body.error.issues.map((issue) => issue.field)).toEqual(['[1].timestamp']);
  expect(await totalSearches()).toBe(0);
});

test('a user batch with one event for someone else is 403 and stores nothing', async () => {
  const token = sessionToken({ userId: 'user_batch' });
  const batch = [
    { action: 'lead_generation', duration: 1, success: true },
    event(2, { user_id: 'user_x' }),
  ];

  const response = await postUsage(server.url, batch, token);

  expect(response.status).toBe(403);
  expect(await totalSearches()).toBe(0);
});

test('an empty batch is refused', async () => {
  const response = await postUsage(server.url, [], TEST_API_KEY);

  expect(response.status).toBe(400);
});

test('a good batch is stored whole and answered 201 with each stored event', async () => {
  const response = await postUsage(server.url, [event(1), event(2), event(3)], TEST_API_KEY);
  const body = (await response.json()) as {
    stored: number;
    duplicates: number;
    results: unknown[];
  };

  expect(response.status).toBe(201);
  expect(body).toMatchObject({ stored: 3, duplicates: 0 });
  expect(body.results).toHaveLength(3);
  expect(await totalSearches()).toBe(3);
});

test('a batch of only retries is answered 200 and counts nothing new', async () => {
  const batch = [event(1, { event_id: 'b-1' }), event(2, { event_id: 'b-2' })];
  await postUsage(server.url, batch, TEST_API_KEY);

  const retry = await postUsage(server.url, batch, TEST_API_KEY);

  expect(retry.status).toBe(200);
  expect(await retry.json()).toMatchObject({ stored: 0, duplicates: 2 });
  expect(await totalSearches()).toBe(5);
});

test('a batch over 1,000 events is refused', async () => {
  const batch = Array.from({ length: 1001 }, (_, index) => event(index % 10));

  const response = await postUsage(server.url, batch, TEST_API_KEY);

  expect(response.status).toBe(400);
  expect(await totalSearches()).toBe(5);
});
