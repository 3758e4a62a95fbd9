import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY } });
});

afterAll(async () => {
  await server.close();
});

const auth = { Authorization: `Bearer ${TEST_API_KEY}` };

const wrongMethods: Array<[string, string, string]> = [
  ['GET', '/track-usage', 'POST'],
  ['PUT', '/track-usage', 'POST'],
  ['DELETE', '/track-usage', 'POST'],
  ['POST', '/usage-metrics', 'GET'],
  ['DELETE', '/usage-metrics', 'GET'],
];

test.each(wrongMethods)('%s %s is 405 with Allow: %s', async (method, path, allowed) => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...auth, 'Content-Type': 'application/json' },
    ...(method === 'GET' ? {} : { body: '{}' }),
  });
  const body = (await response.json()) as { error: { code: string; message: string } };

  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe(allowed);
  expect(body.error.code).toBe('METHOD_NOT_SUPPORTED');
  expect(body.error.message).toContain(allowed);
});

test('an unknown route is a JSON 404 that points at the API', async () => {
  const response = await fetch(`${server.url}/track_usage`, { headers: auth });
  const body = (await response.json()) as { error: { code: string; message: string } };

  expect(response.status).toBe(404);
  expect(body.error.code).toBe('NOT_FOUND');
  expect(body.error.message).toContain('/track-usage');
});

test('the dashboard root is a JSON 404 when no dashboard is served', async () => {
  const response = await fetch(`${server.url}/`);

  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
});

test("every answer carries a request id, the caller's own when sane", async () => {
  const own = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'agent-run.42' } });
  const insane = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'a b<c>' } });

  expect(own.headers.get('x-request-id')).toBe('agent-run.42');
  expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});
