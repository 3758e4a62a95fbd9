import { afterAll, beforeAll, expect, test } from 'vitest';

import { clerkEnv, sessionToken, type SessionTokenOptions } from '../helpers/clerkTokens.js';
import { getMetrics, postUsage, startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: clerkEnv });
});

afterAll(async () => {
  await server.close();
});

const ownEvent = { action: 'lead_generation', duration: 1.25, success: true };

test("a valid session token as Bearer records and reads the user's own usage", async () => {
  const token = sessionToken({ userId: 'user_bearer' });

  const posted = await postUsage(server.url, ownEvent, token);
  const metrics = await getMetrics(server.url, {}, token);

  expect(posted.status).toBe(201);
  expect(await metrics.json()).toMatchObject({
    total_searches: 1,
    recent_activity: [expect.objectContaining({ user_id: 'user_bearer' })],
  });
});

test('a valid session token in the __session cookie works as well', async () => {
  const token = sessionToken({ userId: 'user_cookie' });

  const posted = await fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: `theme=dark; __session=${token}` },
    body: JSON.stringify(ownEvent),
  });
  const metrics = await fetch(`${server.url}/usage-metrics`, {
    headers: { Cookie: `__session=${token}` },
  });

  expect(posted.status).toBe(201);
  expect(await metrics.json()).toMatchObject({ total_searches: 1 });
});

test('a signed-in user may name itself as user_id', async () => {
  const token = sessionToken({ userId: 'user_named' });

  const posted = await postUsage(server.url, { ...ownEvent, user_id: 'user_named' }, token);
  const metrics = await getMetrics(server.url, { user_id: 'user_named' }, token);

  expect(posted.status).toBe(201);
  expect(metrics.status).toBe(200);
});

const refusedTokens: Array<[string, SessionTokenOptions, RegExp]> = [
  ['expired', { expired: true }, /expired/i],
  ['not yet valid', { notYetValid: true }, /not be used|before|nbf|iat|issued/i],
  ['signed by another key', { otherKey: true }, /signature/i],
  ['alg none', { algNone: true }, /algorithm|signature/i],
  ['from a foreign authorized party', { azp: 'https://evil.example' }, /azp|authorized party/i],
  ['from the wrong issuer', { issuer: 'https://clerk.other.test' }, /issuer/i],
];

test.each(refusedTokens)('a token %s is 401 with the reason', async (_case, options, reason) => {
  const token = sessionToken({ userId: 'user_refused', ...options });

  const posted = await postUsage(server.url, ownEvent, token);
  const body = (await posted.json()) as { error: { code: string; message: string } };
  const read = await getMetrics(server.url, {}, token);

  expect(posted.status).toBe(401);
  expect(body.error.code).toBe('UNAUTHORIZED');
  expect(body.error.message).toMatch(reason);
  expect(read.status).toBe(401);
});

test('a token with a tampered user is refused', async () => {
  const [header, , signature] = sessionToken({ userId: 'user_a' }).split('.');
  const forgedClaims = Buffer.from(
    JSON.stringify({ sub: 'user_admin', exp: Math.floor(Date.now() / 1000) + 60 }),
  ).toString('base64url');

  const response = await getMetrics(server.url, {}, `${header}.${forgedClaims}.${signature}`);

  expect(response.status).toBe(401);
});

test('regression: a __session cookie that is not percent-encoding is 401, not 500', async () => {
  const rest = await fetch(`${server.url}/usage-metrics`, { headers: { Cookie: '__session=%zz' } });
  const trpc = await fetch(`${server.url}/trpc/usageMetrics?input=%7B%7D`, {
    headers: { Cookie: '__session=%E0%A4%A' },
  });

  expect(rest.status).toBe(401);
  expect(trpc.status).toBe(401);
});

test('with Clerk only, no credentials is a JSON 401, never a redirect', async () => {
  const response = await fetch(`${server.url}/usage-metrics`, { redirect: 'manual' });
  const body = (await response.json()) as { error: { code: string; message: string } };

  expect(response.status).toBe(401);
  expect(response.headers.get('location')).toBeNull();
  expect(body.error.message).toContain('Authorization: Bearer');
});
