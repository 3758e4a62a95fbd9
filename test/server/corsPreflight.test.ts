import { afterAll, beforeAll, expect, test } from 'vitest';

import { clerkEnv, DASHBOARD_ORIGIN } from '../helpers/clerkTokens.js';
import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY, ...clerkEnv } });
});

afterAll(async () => {
  await server.close();
});

function preflight(path: string, origin: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  });
}

test('a preflight from an allowed origin is answered before authentication', async () => {
  for (const path of ['/track-usage', '/usage-metrics', '/trpc/trackUsage']) {
    const response = await preflight(path, DASHBOARD_ORIGIN);

    expect(response.status, path).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
  }
});

test('a preflight from another origin is refused with JSON and no allow headers', async () => {
  const response = await preflight('/track-usage', 'https://evil.example');
  const body = (await response.json()) as { error: { message: string } };

  expect(response.status).toBe(403);
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(body.error.message).toContain('ALLOWED_ORIGINS');
});

test('a simple request from another origin gets no CORS allowance', async () => {
  const response = await fetch(`${server.url}/usage-metrics`, {
    headers: { Origin: 'https://evil.example', Authorization: `Bearer ${TEST_API_KEY}` },
  });

  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(response.headers.get('vary')).toContain('Origin');
});

test('an actual request from the allowed origin exposes Retry-After and the request id', async () => {
  const response = await fetch(`${server.url}/usage-metrics`, {
    headers: { Origin: DASHBOARD_ORIGIN, Authorization: `Bearer ${TEST_API_KEY}` },
  });

  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD_ORIGIN);
  expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
});
