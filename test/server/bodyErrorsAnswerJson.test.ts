import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY } });
});

afterAll(async () => {
  await server.close();
});

function postRaw(body: string | undefined, contentType?: string): Promise<Response> {
  return fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${TEST_API_KEY}`,
      ...(contentType ? { 'Content-Type': contentType } : {}),
    },
    ...(body === undefined ? {} : { body }),
  });
}

async function expectEnvelope(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as {
    error: { status: number; code: string; message: string };
  };
  expect(body.error).toMatchObject({ status, code });
  return body.error.message;
}

test('a 2 MB body is refused with 413 and told to send fewer events', async () => {
  const huge = JSON.stringify({ action: 'lead_generation', padding: 'x'.repeat(2 * 1024 * 1024) });

  const message = await expectEnvelope(
    await postRaw(huge, 'application/json'),
    413,
    'PAYLOAD_TOO_LARGE',
  );

  expect(message).toContain('fewer events');
});

test('text/plain is refused with 415 naming the Content-Type to use', async () => {
  const body =
    '{"user_id": "user_123", "action": "lead_generation", "duration": 2.5, "success": true}';

  const message = await expectEnvelope(
    await postRaw(body, 'text/plain'),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
  );

  expect(message).toContain('application/json');
});

test('a form body is refused with 415', async () => {
  await expectEnvelope(
    await postRaw('user_id=user_123', 'application/x-www-form-urlencoded'),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
  );
});

test('a JSON body in another charset is refused with 415', async () => {
  await expectEnvelope(
    await postRaw('{}', 'application/json; charset=latin1'),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
  );
});

test('malformed JSON gets the JSON envelope, not an HTML page', async () => {
  const message = await expectEnvelope(
    await postRaw('{"user_id": "user_123", ', 'application/json'),
    400,
    'BAD_REQUEST',
  );

  expect(message).toContain('not valid JSON');
});

test('an empty JSON body gets the JSON envelope', async () => {
  await expectEnvelope(await postRaw('', 'application/json'), 400, 'BAD_REQUEST');
});

test('no body and no Content-Type gets the JSON envelope', async () => {
  await expectEnvelope(await postRaw(undefined), 415, 'UNSUPPORTED_MEDIA_TYPE');
});

test('the same JSON envelope at the tRPC door for a malformed body', async () => {
  const response = await fetch(`${server.url}/trpc/trackUsage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_API_KEY}` },
    body: '{not json',
  });

  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
});
