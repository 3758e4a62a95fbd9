import { afterAll, beforeAll, expect, test } from 'vitest';

import { clerkEnv, sessionToken } from '../helpers/clerkTokens.js';
import {
  getMetrics,
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

const OTHER_KEY = 'other-service-key-0000000000000000';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: { USAGE_API_KEYS: `${TEST_API_KEY},${OTHER_KEY}`, ...clerkEnv },
  });
});

afterAll(async () => {
  await server.close();
});

function event(userId: string, eventId: string) {
  return {
    user_id: userId,
    action: 'lead_generation',
    duration: 2,
    success: true,
    event_id: eventId,
  };
}

async function totalFor(userId: string): Promise<number> {
  const response = await getMetrics(server.url, { user_id: userId }, TEST_API_KEY);
  return ((await response.json()) as { total_searches: number }).total_searches;
}

test('the same event_id twice: 201 then 200 with duplicate and the original event', async () => {
  const first = await postUsage(server.url, event('user_retry', 'evt-1'), TEST_API_KEY);
  const original = (await first.json()) as { event: unknown };

  const retry = await postUsage(
    server.url,
    { ...event('user_retry', 'evt-1'), duration: 99 },
    TEST_API_KEY,
  );

  expect(first.status).toBe(201);
  expect(retry.status).toBe(200);
  expect(await retry.json()).toEqual({ duplicate: true, event: original.event });
  expect(await totalFor('user_retry')).toBe(1);
});

test('the same event_id 20 times at once is stored once', async () => {
  const responses = await Promise.all(
    Array.from({ length: 20 }, () =>
      postUsage(server.url, event('user_burst', 'evt-burst'), TEST_API_KEY),
    ),
  );
  const bodies = (await Promise.all(responses.map((r) => r.json()))) as Array<{
    duplicate: boolean;
    event: { id: number };
  }>;

  expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
  expect(responses.filter((r) => r.status === 200)).toHaveLength(19);
  expect(new Set(bodies.map((body) => body.event.id)).size).toBe(1);
  expect(await totalFor('user_burst')).toBe(1);
});

test('the same event_id from two different services is stored twice', async () => {
  const fromFirst = await postUsage(server.url, event('user_shared', 'evt-same'), TEST_API_KEY);
  const fromOther = await postUsage(server.url, event('user_shared', 'evt-same'), OTHER_KEY);

  expect([fromFirst.status, fromOther.status]).toEqual([201, 201]);
  expect(await totalFor('user_shared')).toBe(2);
});

test('the same event_id from a user and from a service is stored twice', async () => {
  const token = sessionToken({ userId: 'user_both' });

  const fromUser = await postUsage(server.url, { ...event('user_both', 'evt-x') }, token);
  const fromService = await postUsage(server.url, event('user_both', 'evt-x'), TEST_API_KEY);

  expect([fromUser.status, fromService.status]).toEqual([201, 201]);
  expect(await totalFor('user_both')).toBe(2);
});

test('a retry inside a batch is answered as a duplicate and counted once', async () => {
  const batch = [event('user_batchdup', 'evt-b'), event('user_batchdup', 'evt-b')];

  const response = await postUsage(server.url, batch, TEST_API_KEY);

  expect(await response.json()).toMatchObject({ stored: 1, duplicates: 1 });
  expect(await totalFor('user_batchdup')).toBe(1);
});

test('the counters match the events after all the retries', async () => {
  expect(await server.store.readCounters()).toEqual(await server.store.recountFromEvents());
});
