import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  getMetrics,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY } });
});

afterAll(async () => {
  await server.close();
});

test('empty metrics: counts 0, rates 0, activity empty, known agents present', async () => {
  const response = await getMetrics(server.url, {}, TEST_API_KEY);

  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    total_searches: 0,
    today_usage: 0,
    recent_activity: [],
    performance_stats: { average_response_time: 0, success_rate: 0, total_errors: 0 },
    agent_usage: { lead_generation: 0, financial_analysis: 0 },
  });
});

test('the example body, byte for byte as agents send it, shows up in the metrics', async () => {
  const exampleBody =
    '{"user_id": "user_123", "action": "lead_generation", "duration": 2.5, "success": true}';

  const posted = await fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_API_KEY}` },
    body: exampleBody,
  });
  const metricsResponse = await getMetrics(server.url, {}, TEST_API_KEY);
  const metrics: unknown = await metricsResponse.json();

  expect(posted.status).toBe(201);
  expect(posted.headers.get('content-type')).toMatch(/^application\/json/);
  expect(metricsResponse.headers.get('cache-control')).toBe('no-store');
  expect(metrics).toStrictEqual({
    total_searches: 1,
    today_usage: 1,
    recent_activity: [
      {
        id: expect.any(Number) as unknown,
        user_id: 'user_123',
        action: 'lead_generation',
        duration: 2.5,
        success: true,
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
        event_id: null,
      },
    ],
    performance_stats: { average_response_time: 2.5, success_rate: 100, total_errors: 0 },
    agent_usage: { lead_generation: 1, financial_analysis: 0 },
  });
});

test('the answer to a new event is 201 with the stored event', async () => {
  const response = await fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_API_KEY}` },
    body: JSON.stringify({
      user_id: 'user_456',
      action: 'financial_analysis',
      duration: 0.75,
      success: false,
      event_id: 'run-1',
      timestamp: '2026-03-09T23:30:00+01:00',
    }),
  });

  expect(response.status).toBe(201);
  expect(await response.json()).toStrictEqual({
    duplicate: false,
    event: {
      id: expect.any(Number) as unknown,
      user_id: 'user_456',
      action: 'financial_analysis',
      duration: 0.75,
      success: false,
      timestamp: '2026-03-09T22:30:00.000Z',
      event_id: 'run-1',
    },
  });
});

test('metrics add up across users, newest first, limited by activity_limit', async () => {
  const response = await getMetrics(server.url, { activity_limit: '1' }, TEST_API_KEY);
  const metrics = (await response.json()) as Record<string, unknown>;

  expect(metrics).toMatchObject({
    total_searches: 2,
    performance_stats: { average_response_time: 1.625, success_rate: 50, total_errors: 1 },
    agent_usage: { lead_generation: 1, financial_analysis: 1 },
  });
  expect(metrics.recent_activity).toEqual([expect.objectContaining({ user_id: 'user_123' })]);
});

test('a user_id in the query narrows the metrics to that user', async () => {
  const response = await getMetrics(server.url, { user_id: 'user_456' }, TEST_API_KEY);

  expect(await response.json()).toMatchObject({
    total_searches: 1,
    agent_usage: { lead_generation: 0, financial_analysis: 1 },
  });
});

test('health check answers 200 while storage answers', async () => {
  const response = await fetch(`${server.url}/healthz`);

  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', storage: 'sqlite' });
});
