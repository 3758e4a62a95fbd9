import { afterEach, expect, test } from 'vitest';

import { ConfigError, loadConfig } from '../../src/server/config.js';
import { CLERK_JWT_KEY } from '../helpers/clerkTokens.js';
import {
  getMetrics,
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const event = { user_id: 'user_123', action: 'lead_generation', duration: 1, success: true };

test('with no key configured, a loopback caller may write and read without credentials', async () => {
  server = await startTestServer();

  const posted = await postUsage(server.url, event);
  const metrics = await getMetrics(server.url);

  expect(posted.status).toBe(201);
  expect(await metrics.json()).toMatchObject({ total_searches: 1 });
});

test('with an API key configured, no credentials is 401: open mode is off', async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY } });

  expect((await postUsage(server.url, event)).status).toBe(401);
  expect((await getMetrics(server.url)).status).toBe(401);
});

test('with a Clerk key configured, no credentials is 401: open mode is off', async () => {
  server = await startTestServer({ env: { CLERK_JWT_KEY } });

  expect((await postUsage(server.url, event)).status).toBe(401);
  expect((await getMetrics(server.url)).status).toBe(401);
});

test('open mode is refused on a non-loopback HOST', () => {
  expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
  expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST/);
  expect(loadConfig({ HOST: '0.0.0.0', USAGE_API_KEYS: TEST_API_KEY }).openMode).toBe(false);
  expect(loadConfig({ HOST: '127.0.0.1' }).openMode).toBe(true);
});
