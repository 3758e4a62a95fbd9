import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY, NODE_ENV: 'production' } });
});

afterAll(async () => {
  await server.close();
});

const auth = { Authorization: `Bearer ${TEST_API_KEY}` };
const json = { 'Content-Type': 'application/json', ...auth };

const failingRequests: Array<[string, string, RequestInit]> = [
  ['malformed JSON', '/track-usage', { method: 'POST', headers: json, body: '{"a":' }],
  ['a bad field', '/track-usage', { method: 'POST', headers: json, body: '{"action":"X"}' }],
  [
    'text/plain',
    '/track-usage',
    { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: 'hi' },
  ],
  [
    'too large',
    '/track-usage',
    { method: 'POST', headers: json, body: `"${'x'.repeat(1_100_000)}"` },
  ],
  ['no credentials', '/usage-metrics', {}],
  [
    'a wrong key',
    '/usage-metrics',
    { headers: { Authorization: 'Bearer not-the-key-at-all-123' } },
  ],
  ['a bad query', '/usage-metrics?tz=Nowhere/Land', { headers: auth }],
  ['an unknown route', '/nope', { headers: auth }],
  ['a wrong method', '/usage-metrics', { method: 'DELETE', headers: auth }],
  [
    'tRPC bad input',
    '/trpc/trackUsage',
    { method: 'POST', headers: json, body: '{"duration":"2"}' },
  ],
  ['tRPC unknown procedure', '/trpc/dropTables', { headers: auth }],
  ['tRPC no credentials', '/trpc/usageMetrics', {}],
];

test.each(failingRequests)('%s: JSON without a stack trace', async (_case, path, init) => {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();

  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(() => JSON.parse(text) as unknown).not.toThrow();
  expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/src\/|stack/i);
  expect(text).not.toMatch(/<html|<pre/i);
});
