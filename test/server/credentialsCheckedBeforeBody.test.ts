import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: { USAGE_API_KEYS: TEST_API_KEY, RATE_LIMIT_PER_MINUTE: '600' },
  });
});

afterAll(async () => {
  await server.close();
});

function post(body: string, authorization?: string): Promise<Response> {
  return fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(authorization ? { Authorization: authorization } : {}),
    },
    body,
  });
}

test('without credentials the body is never parsed: broken JSON is answered 401, not 400', async () => {
  const response = await post('{not json');

  expect(response.status).toBe(401);
});

test('an Authorization header without "Bearer" says how to write it', async () => {
  const response = await post('{}', TEST_API_KEY);
  const body = (await response.json()) as { error: { message: string } };

  expect(response.status).toBe(401);
  expect(body.error.message).toContain('Bearer');
});

test('regression: failing credentials are limited per address, with Retry-After', async () => {
  // A tenth of RATE_LIMIT_PER_MINUTE, but never under 60 a minute.
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 62; attempt += 1) {
    statuses.push((await post('{}', 'Bearer not-a-key-of-this-server')).status);
  }
  const refused = await post('{}', 'Bearer not-a-key-of-this-server');

  expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(58);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
});
