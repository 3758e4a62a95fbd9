import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { composeUsageMetrics } from '../../src/server/composeUsageMetrics.js';
import { copySqliteEvents } from '../../src/server/storage/postgres/copySqliteEvents.js';
import { PostgresUsageStore } from '../../src/server/storage/postgres/postgresStore.js';
import { SqliteUsageStore } from '../../src/server/storage/sqlite/sqliteStore.js';
import type { NewUsageEvent, UsageStore } from '../../src/server/storage/usageStore.js';
import {
  checkPostgres,
  createTestDatabase,
  type TestDatabase,
} from '../helpers/postgresDatabase.js';
import { makeTempDir, removeDir } from '../helpers/testServer.js';

const postgres = await checkPostgres('copying SQLite events into PostgreSQL');
const EVENTS = 2500;
const HOUR = 60 * 60 * 1000;

function sampleEvent(i: number, now: number): NewUsageEvent {
  return {
    userId: `user_${i % 9}`,
    action: ['lead_generation', 'financial_analysis', 'email_drafting'][i % 3]!,
    durationSeconds: (i % 17) / 4,
    success: i % 11 !== 0,
    occurredAt: now - (i % 100) * HOUR,
    receivedAt: now,
    caller: i % 2 === 0 ? 'local' : `user:user_${i % 9}`,
    eventId: i % 4 === 0 ? null : `copy-${i}`,
  };
}

async function everyonesMetrics(store: UsageStore, todayStart: number) {
  return composeUsageMetrics(
    await store.readMetrics({ userId: null, todayStart, activityLimit: 20 }),
  );
}

describe.skipIf(!postgres.available)('copying SQLite events into PostgreSQL', () => {
  let dir: string;
  let sqlitePath: string;
  let database: TestDatabase;
  const now = Date.now();
  const todayStart = now - (now % (24 * HOUR));

  beforeAll(async () => {
    dir = await makeTempDir();
    sqlitePath = path.join(dir, 'usage.db');
    database = await createTestDatabase();
    const source = new SqliteUsageStore(sqlitePath);
    await source.recordEvents(Array.from({ length: EVENTS }, (_, i) => sampleEvent(i, now)));
    await source.close();
  });

  afterAll(async () => {
    await database?.drop();
    await removeDir(dir);
  });

  it('copies every event with its id, and the metrics come out the same', async () => {
    const result = await copySqliteEvents(sqlitePath, database.url);

    expect(result).toMatchObject({ read: EVENTS, inserted: EVENTS, alreadyPresent: 0 });
    const source = new SqliteUsageStore(sqlitePath);
    const target = await PostgresUsageStore.open(database.url);
    try {
      expect(await everyonesMetrics(target, todayStart)).toEqual(
        await everyonesMetrics(source, todayStart),
      );
      expect(await target.readCounters()).toEqual(await target.recountFromEvents());
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });

  it('inserts and counts nothing twice when run again, through the npm script', async () => {
    const run = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/copySqliteToPostgres.ts', sqlitePath, database.url],
      { env: { ...process.env } },
    );

    expect(run.stdout).toContain(
      `${EVENTS} events read, 0 inserted, ${EVENTS} already in PostgreSQL`,
    );
    const target = await PostgresUsageStore.open(database.url);
    try {
      const metrics = await everyonesMetrics(target, todayStart);
      expect(metrics.total_searches).toBe(EVENTS);
      expect(await target.readCounters()).toEqual(await target.recountFromEvents());
    } finally {
      await target.close();
    }
  });

  it('hands out ids after the copied ones to events recorded afterwards', async () => {
    const target = await PostgresUsageStore.open(database.url);
    try {
      const [outcome] = await target.recordEvents([{ ...sampleEvent(1, now), eventId: null }]);
      expect(outcome?.event.id).toBe(EVENTS + 1);
    } finally {
      await target.close();
    }
  });
});
