import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  getMetrics,
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

let now = Date.parse('2026-03-10T02:00:00Z');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY }, clock: () => now });
});

afterAll(async () => {
  await server.close();
});

async function recordAt(userId: string, timestamp: string): Promise<void> {
  const event = {
    user_id: userId,
    action: 'lead_generation',
    duration: 1,
    success: true,
    timestamp,
  };
  const response = await postUsage(server.url, event, TEST_API_KEY);
  expect(response.status).toBe(201);
}

async function todayUsage(query: Record<string, string>): Promise<number> {
  const response = await getMetrics(server.url, query, TEST_API_KEY);
  expect(response.status).toBe(200);
  return ((await response.json()) as { today_usage: number }).today_usage;
}

test('at 02:00 UTC, an event at 23:30 UTC the day before is today in Tokyo, not in UTC', async () => {
  now = Date.parse('2026-03-10T02:00:00Z');
  await recordAt('user_tokyo', '2026-03-09T23:30:00Z');

  expect(await todayUsage({ user_id: 'user_tokyo', tz: 'Asia/Tokyo' })).toBe(1);
  expect(await todayUsage({ user_id: 'user_tokyo', tz: 'UTC' })).toBe(0);
  expect(await todayUsage({ user_id: 'user_tokyo' })).toBe(0);
});

test("Kathmandu's day starts at 18:15 UTC the day before, to the minute", async () => {
  now = Date.parse('2026-03-10T02:00:00Z');
  await recordAt('user_kathmandu', '2026-03-09T18:14:59Z');
  await recordAt('user_kathmandu', '2026-03-09T18:15:00Z');
  await recordAt('user_kathmandu', '2026-03-10T00:00:00+05:45');

  expect(await todayUsage({ user_id: 'user_kathmandu', tz: 'Asia/Kathmandu' })).toBe(2);
  expect(await todayUsage({ user_id: 'user_kathmandu', tz: 'Asia/Kolkata' })).toBe(0);
  expect(await todayUsage({ user_id: 'user_kathmandu', tz: 'UTC' })).toBe(0);
});

test('New York on the day it springs forward (2026-03-08): the day began at 05:00 UTC', async () => {
  now = Date.parse('2026-03-09T03:30:00Z');
  await recordAt('user_ny_spring', '2026-03-08T04:59:59Z');
  await recordAt('user_ny_spring', '2026-03-08T05:00:00Z');
  await recordAt('user_ny_spring', '2026-03-08T07:30:00Z');

  expect(await todayUsage({ user_id: 'user_ny_spring', tz: 'America/New_York' })).toBe(2);
});

test('New York the day after springing forward: the day began at 04:00 UTC', async () => {
  now = Date.parse('2026-03-09T12:00:00Z');
  await recordAt('user_ny_after', '2026-03-09T03:59:59Z');
  await recordAt('user_ny_after', '2026-03-09T04:00:00Z');

  expect(await todayUsage({ user_id: 'user_ny_after', tz: 'America/New_York' })).toBe(1);
});

test('New York on the day it falls back (2026-11-01): a 25-hour day from 04:00 UTC', async () => {
  now = Date.parse('2026-11-02T04:30:00Z');
  await recordAt('user_ny_fall', '2026-11-01T03:59:59Z');
  await recordAt('user_ny_fall', '2026-11-01T04:00:00Z');
  await recordAt('user_ny_fall', '2026-11-01T05:30:00Z');
  await recordAt('user_ny_fall', '2026-11-01T06:30:00Z');

  expect(await todayUsage({ user_id: 'user_ny_fall', tz: 'America/New_York' })).toBe(3);
});

test("everyone's today_usage follows the asked zone too", async () => {
  now = Date.parse('2026-11-02T04:30:00Z');

  expect(await todayUsage({ tz: 'America/New_York' })).toBe(3);
  expect(await todayUsage({ tz: 'UTC' })).toBe(0);
  expect(await todayUsage({ tz: 'Asia/Tokyo' })).toBe(0);
});

test('a day that began more than 24 hours ago still counts its first events', async () => {
  now = Date.parse('2026-11-02T04:59:00Z');
  await recordAt('user_ny_long', '2026-11-01T04:00:00Z');

  expect(await todayUsage({ user_id: 'user_ny_long', tz: 'America/New_York' })).toBe(1);
});
