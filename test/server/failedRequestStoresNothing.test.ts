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

const valid = { user_id: 'user_123', action: 'lead_generation', duration: 2.5, success: true };

test('refused requests of every kind leave no trace in the metrics', async () => {
  const aheadBy10Minutes = new Date(Date.now() + 10 * 60_000).toISOString();

  const refused = [
    await postUsage(server.url, { ...valid, duration: '2.5' }, TEST_API_KEY),
    await postUsage(server.url, { ...valid, sucess: true }, TEST_API_KEY),
    await postUsage(server.url, { ...valid, timestamp: aheadBy10Minutes }, TEST_API_KEY),
    await postUsage(server.url, [valid, { ...valid, success: 'yes' }], TEST_API_KEY),
    await postUsage(server.url, valid, 'a-wrong-key-that-is-long-enough'),
    await postUsage(server.url, valid),
    await postUsage(server.url, { ...valid, user_id: 'user_other' }, sessionToken()),
    await postUsage(server.url, valid, sessionToken({ expired: true })),
  ];
  const metrics = await getMetrics(server.url, {}, TEST_API_KEY);

  expect(refused.map((response) => response.status)).toEqual([
    400, 400, 400, 400, 401, 401, 403, 401,
  ]);
  expect(await metrics.json()).toMatchObject({ total_searches: 0, recent_activity: [] });
  expect(await server.store.readCounters()).toEqual(await server.store.recountFromEvents());
});
