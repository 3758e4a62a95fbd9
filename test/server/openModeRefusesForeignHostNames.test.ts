import http from 'node:http';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

/** fetch() will not send a Host of our choosing, so this speaks plain node:http. */
function getWithHost(host: string): Promise<{ status: number; body: string }> {
  const url = new URL('/usage-metrics', server.url);
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { Host: host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

test('regression: a page rebinding its own name to 127.0.0.1 cannot read open local mode', async () => {
  const answer = await getWithHost(`attacker.example:${new URL(server.url).port}`);

  expect(answer.status).toBe(401);
  expect(JSON.parse(answer.body)).toMatchObject({
    error: { code: 'UNAUTHORIZED', message: expect.stringContaining('localhost') as string },
  });
});

test.each(['localhost:8001', '127.0.0.1', '127.0.0.1:8001', '[::1]:8001'])(
  'open local mode answers requests addressed to %s',
  async (host) => {
    expect((await getWithHost(host)).status).toBe(200);
  },
);
