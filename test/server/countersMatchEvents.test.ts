import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  getMetrics,
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

const START = Date.parse('2026-03-10T02:00:00Z');
const HOUR = 3_600_000;
let now = START;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY }, clock: () => now });
});

afterAll(async () => {
  await server.close();
});

const users = ['user_a', 'user_b', 'user_c'];
const actions = ['lead_generation', 'financial_analysis', 'email-drafting'];
const durations = [0.1, 0.2, 0.3, 2.7, 13.37, 0.05];

function eventFor(step: number, hoursAgo: number) {
  return {
    user_id: users[step % users.length],
    action: actions[Math.floor(step / 3) % actions.length],
    duration: durations[step % durations.length],
    success: step % 4 !== 0,
    event_id: `evt-${step % 50}`,
    timestamp: new Date(now - hoursAgo * HOUR - (step % 7) * 60_000).toISOString(),
  };
}

async function runWorkload(): Promise<void> {
  for (let step = 0; step < 120; step += 1) {
    if (step % 20 === 0) now += 7 * HOUR + 13 * 60_000;
    const hoursAgo = [0, 0, 1, 5, 26, 47.9, 49, 24 * 30][step % 8] ?? 0;

    const response =
      step % 10 === 0
        ? await postUsage(
            server.url,
            [eventFor(step, hoursAgo), eventFor(step + 1, 3)],
            TEST_API_KEY,
          )
        : await postUsage(server.url, eventFor(step, hoursAgo), TEST_API_KEY);
    expect(response.status).toBeLessThan(300);
  }
}

test('after a mixed workload the running totals equal a recount of the events', async () => {
  await runWorkload();

  const counters = await server.store.readCounters();
  const recount = await server.store.recountFromEvents();

  expect(counters.userTotals.length).toBeGreaterThan(3);
  expect(counters.userBuckets.length).toBeGreaterThan(3);
  expect(counters).toEqual(recount);
});

test("they still agree once the clock has moved past some buckets' retention", async () => {
  now += 30 * HOUR + 7 * 60_000;

  expect(await server.store.readCounters()).toEqual(await server.store.recountFromEvents());
});

test('the metrics agree with the totals: every event counted once', async () => {
  const response = await getMetrics(server.url, {}, TEST_API_KEY);
  const metrics = (await response.json()) as {
    total_searches: number;
    agent_usage: Record<string, number>;
  };
  const recount = await server.store.recountFromEvents();
  const events = recount.globalTotals.reduce((sum, row) => sum + row.events, 0);

  expect(metrics.total_searches).toBe(events);
  expect(Object.values(metrics.agent_usage).reduce((a, b) => a + b, 0)).toBe(events);
});
