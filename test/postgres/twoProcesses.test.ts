import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PostgresUsageStore } from '../../src/server/storage/postgres/postgresStore.js';
import {
  checkPostgres,
  createTestDatabase,
  type TestDatabase,
} from '../helpers/postgresDatabase.js';
import { startServerProcess, type ServerProcess } from './serverProcess.js';

const postgres = await checkPostgres('two server processes on one PostgreSQL');

interface Posted {
  status: number;
  body: { duplicate?: boolean; event?: { id: number; event_id: string | null } };
}

async function postEvent(server: ServerProcess, eventId: string, userId: string): Promise<Posted> {
  const response = await fetch(`${server.url}/track-usage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      user_id: userId,
      action: 'lead_generation',
      duration: 1.5,
      success: true,
      event_id: eventId,
    }),
  });
  return { status: response.status, body: (await response.json()) as Posted['body'] };
}

async function totalSearches(server: ServerProcess): Promise<number> {
  const response = await fetch(`${server.url}/usage-metrics`);
  expect(response.status).toBe(200);
  const metrics = (await response.json()) as { total_searches: number };
  return metrics.total_searches;
}

describe.skipIf(!postgres.available)('two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let first: ServerProcess;
  let second: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Started together: both run the migrations at once, and the advisory lock keeps them apart.
    [first, second] = await Promise.all([
      startServerProcess({ DATABASE_URL: database.url }),
      startServerProcess({ DATABASE_URL: database.url }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([first?.kill(), second?.kill()]);
    await database?.drop();
  });

  it('counts 200 events posted alternately, and the same event_ids sent to both, once', async () => {
    const servers = [first, second];
    const posted = await Promise.all(
      Array.from({ length: 200 }, (_, i) => postEvent(servers[i % 2]!, `e-${i}`, `user_${i % 5}`)),
    );
    expect(posted.map((p) => p.status)).toEqual(Array(200).fill(201));

    const resent = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        Promise.all([
          postEvent(first, `e-${i}`, `user_${i % 5}`),
          postEvent(second, `e-${i}`, `user_${i % 5}`),
        ]),
      ),
    );
    for (const [i, pair] of resent.entries()) {
      for (const answer of pair) {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ duplicate: true, event: posted[i]!.body.event });
      }
    }

    expect(await totalSearches(first)).toBe(200);
    expect(await totalSearches(second)).toBe(200);
  });

  it('stores a new event_id sent to both at the same moment exactly once', async () => {
    const raced = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        Promise.all([
          postEvent(first, `race-${i}`, 'racer'),
          postEvent(second, `race-${i}`, 'racer'),
        ]),
      ),
    );

    for (const [a, b] of raced) {
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect(a.body.event).toEqual(b.body.event);
    }
    expect(await totalSearches(first)).toBe(250);
    expect(await totalSearches(second)).toBe(250);
  });

  it('keeps the running totals equal to a recount after both processes wrote', async () => {
    const store = await PostgresUsageStore.open(database.url);
    try {
      expect(await store.readCounters()).toEqual(await store.recountFromEvents());
    } finally {
      await store.close();
    }
  });

  it('keeps serving from one process when the other is killed', async () => {
    await first.kill();

    const answer = await postEvent(second, 'after-kill', 'user_0');

    expect(answer.status).toBe(201);
    expect(await totalSearches(second)).toBe(251);
    const health = await fetch(`${second.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
