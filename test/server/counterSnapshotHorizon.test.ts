import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// 02:07 puts the 48-hour retention horizon inside a 15-minute bucket, not on its edge.
let now = Date.parse('2026-03-10T02:07:00Z');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY }, clock: () => now });
});

afterAll(async () => {
  await server.close();
});

async function recordMinutesAgo(minutes: number, duration: number): Promise<void> {
  const timestamp = new Date(now - minutes * MINUTE).toISOString();
  const event = {
    user_id: 'user_h',
    action: 'lead_generation',
    duration,
    success: true,
    timestamp,
  };
  expect((await postUsage(server.url, event, TEST_API_KEY)).status).toBe(201);
}

test('regression: a bucket straddling the retention horizon does not split the snapshots', async () => {
  await recordMinutesAgo(48 * 60 - 5, 1);
  await recordMinutesAgo(48 * 60 + 5, 1);
  await recordMinutesAgo(10, 1);

  expect(await server.store.readCounters()).toEqual(await server.store.recountFromEvents());
});

test('regression: duration sums added in another order still compare equal', async () => {
  for (const duration of [0.1, 0.2, 0.3, 0.7, 13.37, 2.05]) await recordMinutesAgo(1, duration);

  expect(await server.store.readCounters()).toEqual(await server.store.recountFromEvents());
});

test('they keep agreeing as the clock moves across bucket edges', async () => {
  for (const step of [3, 8, 15, 60, 47 * 60]) {
    now += step * MINUTE;
    expect(await server.store.readCounters(), `after ${step} min`).toEqual(
      await server.store.recountFromEvents(),
    );
  }
  now += 2 * HOUR;
  expect(await server.store.readCounters()).toEqual(await server.store.recountFromEvents());
});
