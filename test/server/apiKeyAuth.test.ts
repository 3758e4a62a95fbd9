import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/testServer.js';

const SECOND_KEY = 'second-service-key-fedcba9876543210';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: `${TEST_API_KEY}, ${SECOND_KEY}` } });
});

afterAll(async () => {
  await server.close();
});

const event = { user_id: 'user_123', action: 'lead_generation', duration: 1, success: true };

function post(headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(event),
  });
}

test('a valid key as Authorization: Bearer is accepted', async () => {
  expect((await post({ Authorization: `Bearer ${TEST_API_KEY}` })).status).toBe(201);
});

test('a valid key as X-API-Key is accepted', async () => {
  expect((await post({ 'X-API-Key': TEST_API_KEY })).status).toBe(201);
});

test('every configured key is accepted', async () => {
  expect((await post({ 'X-API-Key': SECOND_KEY })).status).toBe(201);
});

test('a wrong key is 401, by either header', async () => {
  const wrong = `${TEST_API_KEY}x`;

  const asBearer = await post({ Authorization: `Bearer ${wrong}` });
  const asHeader = await post({ 'X-API-Key': wrong });
  const prefix = await post({ 'X-API-Key': TEST_API_KEY.slice(0, -1) });

  expect([asBearer.status, asHeader.status, prefix.status]).toEqual([401, 401, 401]);
  expect(((await asBearer.json()) as { error: { message: string } }).error.message).toContain(
    'API key',
  );
});

test('no credentials is a JSON 401 saying what to send, never a redirect', async () => {
  const response = await fetch(`${server.url}/usage-metrics`, { redirect: 'manual' });
  const body = (await response.json()) as {
    error: { status: number; code: string; message: string };
  };

  expect(response.status).toBe(401);
  expect(response.headers.get('location')).toBeNull();
  expect(body.error).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  expect(body.error.message).toContain('Authorization: Bearer');
});

test("a service key reads everyone's metrics, or one user's", async () => {
  const everyone = await fetch(`${server.url}/usage-metrics`, {
    headers: { 'X-API-Key': SECOND_KEY },
  });
  const one = await fetch(`${server.url}/usage-metrics?user_id=nobody`, {
    headers: { 'X-API-Key': SECOND_KEY },
  });

  expect(await everyone.json()).toMatchObject({ total_searches: 3 });
  expect(await one.json()).toMatchObject({ total_searches: 0 });
});
