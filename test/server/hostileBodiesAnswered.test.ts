import net from 'node:net';
import { gzipSync } from 'node:zlib';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { getMetrics, postUsage, startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const event = { user_id: 'user_123', action: 'lead_generation', duration: 1, success: true };

interface Envelope {
  error: { status: number; message: string; issues?: Array<{ field: string; message: string }> };
}

test("regression: a corrupt gzip body is the caller's 400, not a 500", async () => {
  const response = await fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    body: 'this is not gzip',
  });

  expect(response.status).toBe(400);
  expect(((await response.json()) as Envelope).error.message).toContain('Content-Encoding');
});

test('a well-formed gzip body is read', async () => {
  const response = await fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    body: gzipSync(JSON.stringify(event)),
  });

  expect(response.status).toBe(201);
});

test('regression: half a surrogate pair in event_id is refused, not stored garbled', async () => {
  const response = await postUsage(server.url, { ...event, event_id: 'ev\ud800' });
  const body = (await response.json()) as Envelope;

  expect(response.status).toBe(400);
  expect(body.error.issues).toEqual([
    { field: 'event_id', message: expect.stringContaining('Unicode') as string },
  ]);
});

test('regression: thousands of bad fields get an answer of bounded size', async () => {
  const noisy: Record<string, unknown> = { ...event };
  for (let index = 0; index < 5000; index += 1) noisy[`extra_${index}`] = 1;

  const response = await postUsage(server.url, noisy);
  const body = (await response.json()) as Envelope;

  expect(response.status).toBe(400);
  expect(body.error.issues).toHaveLength(51);
  expect(body.error.issues?.at(-1)?.message).toContain('4950 more');
});

test('a duration too large for a double is called out as not finite', async () => {
  const response = await fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"user_id":"u","action":"a","duration":1e400,"success":true}',
  });
  const body = (await response.json()) as Envelope;

  expect(body.error.issues).toEqual([{ field: 'duration', message: 'must be a finite number' }]);
});

test('regression: any spelling of a zone is the same zone', async () => {
  const canonical = await getMetrics(server.url, { tz: 'Europe/Paris' });
  const shouted = await getMetrics(server.url, { tz: 'EUROPE/PARIS' });

  expect(shouted.status).toBe(200);
  expect(await shouted.json()).toEqual(await canonical.json());
});

test('a request Node cannot parse as HTTP still gets a JSON answer', async () => {
  const { port } = new URL(server.url);
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP\r\n\r\n'));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });

  expect(raw).toMatch(/^HTTP\/1\.1 400/);
  expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
    error: { status: 400, code: 'BAD_REQUEST' },
  });
});
