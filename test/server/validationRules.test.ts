import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  getMetrics,
  postUsage,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { USAGE_API_KEYS: TEST_API_KEY } });
});

afterAll(async () => {
  await server.close();
});

const valid = { user_id: 'user_123', action: 'lead_generation', duration: 2.5, success: true };

interface ErrorBody {
  error: { status: number; code: string; message: string; issues?: { field: string }[] };
}

async function issuedFields(response: Response): Promise<string[]> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as ErrorBody;
  expect(body.error.code).toBe('BAD_REQUEST');
  return (body.error.issues ?? []).map((issue) => issue.field);
}

const badEvents: Array<[string, Record<string, unknown>, string]> = [
  ['user_id missing for a service', { ...valid, user_id: undefined }, 'user_id'],
  ['user_id empty', { ...valid, user_id: '' }, 'user_id'],
  ['user_id of 129 characters', { ...valid, user_id: 'u'.repeat(129) }, 'user_id'],
  ['user_id with a control character', { ...valid, user_id: 'user\u0007x' }, 'user_id'],
  ['user_id a number', { ...valid, user_id: 123 }, 'user_id'],
  ['action missing', { ...valid, action: undefined }, 'action'],
  ['action with capitals', { ...valid, action: 'Lead_Generation' }, 'action'],
  ['action with a space', { ...valid, action: 'lead generation' }, 'action'],
  ['action of 65 characters', { ...valid, action: 'a'.repeat(65) }, 'action'],
  ['action empty', { ...valid, action: '' }, 'action'],
  ['duration missing', { ...valid, duration: undefined }, 'duration'],
  ['duration negative', { ...valid, duration: -0.1 }, 'duration'],
  ['duration over a day', { ...valid, duration: 86_400.5 }, 'duration'],
  ['duration as a string "2.5"', { ...valid, duration: '2.5' }, 'duration'],
  ['success missing', { ...valid, success: undefined }, 'success'],
  ['success as "true"', { ...valid, success: 'true' }, 'success'],
  ['success as "false"', { ...valid, success: 'false' }, 'success'],
  ['success as 1', { ...valid, success: 1 }, 'success'],
  ['event_id empty', { ...valid, event_id: '' }, 'event_id'],
  ['event_id of 129 characters', { ...valid, event_id: 'e'.repeat(129) }, 'event_id'],
  ['timestamp without a zone', { ...valid, timestamp: '2026-03-09T23:30:00' }, 'timestamp'],
  ['timestamp not a date', { ...valid, timestamp: 'yesterday' }, 'timestamp'],
  ['timestamp an impossible day', { ...valid, timestamp: '2026-02-30T10:00:00Z' }, 'timestamp'],
  ['timestamp as epoch number', { ...valid, timestamp: 1773099000000 }, 'timestamp'],
  ['the typo sucess', { ...valid, sucess: true }, 'sucess'],
];

test.each(badEvents)('400 naming the field: %s', async (_case, body, field) => {
  const response = await postUsage(server.url, body, TEST_API_KEY);

  expect(await issuedFields(response)).toContain(field);
});

test('the boundaries themselves are accepted: 0 and 86,400 seconds, 128 and 64 characters', async () => {
  const edges = [
    { ...valid, duration: 0 },
    { ...valid, duration: 86_400 },
    { ...valid, user_id: 'u'.repeat(128) },
    { ...valid, action: 'a'.repeat(64) },
    { ...valid, action: 'new-agent_2' },
  ];

  for (const body of edges) {
    const response = await postUsage(server.url, body, TEST_API_KEY);
    expect(response.status, JSON.stringify(body)).toBe(201);
  }
});

test('a misspelt field is refused by its name, with what to do', async () => {
  const misspelt = { user_id: 'user_123', action: 'lead_generation', duration: 2.5, sucess: true };

  const response = await postUsage(server.url, misspelt, TEST_API_KEY);
  const body = (await response.json()) as ErrorBody;

  expect(response.status).toBe(400);
  expect(body.error.issues).toEqual(
    expect.arrayContaining([
      { field: 'sucess', message: 'is not a known field; check its spelling' },
      { field: 'success', message: 'is required' },
    ]),
  );
  expect(body.error.message).toContain('sucess');
});

test('every bad field is named at once, not only the first', async () => {
  const response = await postUsage(
    server.url,
    { user_id: '', action: 'X', duration: '2.5', success: 'true' },
    TEST_API_KEY,
  );

  expect((await issuedFields(response)).sort()).toEqual(
    ['action', 'duration', 'success', 'user_id'].sort(),
  );
});

test('a body that is not an object is refused with the body named', async () => {
  for (const body of ['"just text"', '42', 'null', 'true']) {
    const response = await fetch(`${server.url}/track-usage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_API_KEY}` },
      body,
    });

    expect(response.status, body).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe('BAD_REQUEST');
  }
});

const badQueries: Array<[string, Record<string, string>, string]> = [
  ['tz not a zone', { tz: 'Mars/Olympus' }, 'tz'],
  ['activity_limit 0', { activity_limit: '0' }, 'activity_limit'],
  ['activity_limit 101', { activity_limit: '101' }, 'activity_limit'],
  ['activity_limit 2.5', { activity_limit: '2.5' }, 'activity_limit'],
  ['activity_limit a word', { activity_limit: 'ten' }, 'activity_limit'],
  ['user_id empty', { user_id: '' }, 'user_id'],
  ['an unknown parameter', { timezone: 'UTC' }, 'timezone'],
];

test.each(badQueries)('metrics query 400 naming the parameter: %s', async (_case, query, field) => {
  const response = await getMetrics(server.url, query, TEST_API_KEY);

  expect(await issuedFields(response)).toContain(field);
});

test('metrics query boundaries are accepted: activity_limit 1 and 100, a zone', async () => {
  const queries: Record<string, string>[] = [
    { activity_limit: '1' },
    { activity_limit: '100' },
    { tz: 'Asia/Tokyo' },
  ];
  for (const query of queries) {
    const response = await getMetrics(server.url, query, TEST_API_KEY);
    expect(response.status, JSON.stringify(query)).toBe(200);
  }
});
