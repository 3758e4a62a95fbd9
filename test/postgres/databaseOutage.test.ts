import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  checkPostgres,
  createTestDatabase,
  type TestDatabase,
} from '../helpers/postgresDatabase.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { TcpProxy } from './tcpProxy.js';

const postgres = await checkPostgres('the server through a PostgreSQL outage');

interface Attempt {
  eventId: string;
  status: number | 'no answer';
  retryAfter: string | null;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function postEvent(server: TestServer, eventId: string): Promise<Attempt> {
  try {
    const response = await fetch(`${server.url}/track-usage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        user_id: `user_${eventId.length % 3}`,
        action: 'financial_analysis',
        duration: 0.5,
        success: true,
        event_id: eventId,
      }),
    });
    await response.arrayBuffer();
    return { eventId, status: response.status, retryAfter: response.headers.get('retry-after') };
  } catch {
    return { eventId, status: 'no answer', retryAfter: null };
  }
}

const acknowledged = (attempt: Attempt) =>
  typeof attempt.status === 'number' && attempt.status >= 200 && attempt.status < 300;

/** Keeps posting new events, a few at a time, until told to stop; answers every attempt. */
function keepPosting(server: TestServer, prefix: string) {
  const attempts: Attempt[] = [];
  let running = true;
  let next = 0;
  const worker = async () => {
    while (running) {
      attempts.push(await postEvent(server, `${prefix}-${(next += 1)}`));
      await delay(5);
    }
  };
  const workers = Promise.all([worker(), worker(), worker(), worker()]);
  return {
    stop: async () => {
      running = false;
      await workers;
      return attempts;
    },
  };
}

async function statusOf(url: string): Promise<{ status: number; retryAfter: string | null }> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

describe.skipIf(!postgres.available)('the server through a PostgreSQL outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    server = await startTestServer({ env: { DATABASE_URL: proxy.urlFor(database.url) } });
  });

  afterAll(async () => {
    await proxy?.restore();
    await server?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 with Retry-After while cut, recovers by itself, and loses or doubles nothing', async () => {
    const writers = keepPosting(server, 'steady');
    await delay(300);

    await proxy.cut();
    await delay(300);
    const health = await statusOf(`${server.url}/healthz`);
    const metrics = await statusOf(`${server.url}/usage-metrics`);
    const write = await postEvent(server, 'during-cut');
    await delay(300);
    await proxy.restore();
    await delay(300);
    const attempts = [...(await writers.stop()), write];

    expect(health).toEqual({ status: 503, retryAfter: '5' });
    expect(metrics).toEqual({ status: 503, retryAfter: '5' });
    expect(write).toMatchObject({ status: 503, retryAfter: '5' });
    const refused = attempts.filter((attempt) => !acknowledged(attempt));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((attempt) => attempt.status === 503 && attempt.retryAfter)).toBe(true);
    expect((await statusOf(`${server.url}/healthz`)).status).toBe(200);

    // A refused event may or may not have been committed: its retry, with the same event_id,
    // is stored once either way.
    const retries = await Promise.all(refused.map((attempt) => postEvent(server, attempt.eventId)));
    expect(retries.every(acknowledged)).toBe(true);

    const sent = new Set(attempts.map((attempt) => attempt.eventId));
    const stored = await database.query(
      'SELECT event_id, COUNT(*)::int AS copies FROM usage_events GROUP BY event_id',
    );
    const copies = new Map(
      stored.rows.map((row: { event_id: string; copies: number }) => [row.event_id, row.copies]),
    );
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(copies.keys())).toEqual(sent);
    const totals = await database.query('SELECT SUM(events)::int AS n FROM global_totals');
    expect(totals.rows[0]).toEqual({ n: sent.size });
  });

  it('answers 503 within the connection timeout when the network goes silent', async () => {
    proxy.goSilent();

    const started = Date.now();
    const health = await statusOf(`${server.url}/healthz`);
    const write = await postEvent(server, 'during-silence');
    const elapsed = Date.now() - started;
    await proxy.restore();

    expect(health.status).toBe(503);
    expect(write.status).toBe(503);
    expect(elapsed).toBeLessThan(10_000);
    expect((await postEvent(server, 'during-silence')).status).toBe(201);
  });
});
