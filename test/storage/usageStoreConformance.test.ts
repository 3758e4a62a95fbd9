import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { composeUsageMetrics } from '../../src/server/composeUsageMetrics.js';
import { PostgresUsageStore } from '../../src/server/storage/postgres/postgresStore.js';
import { SqliteUsageStore } from '../../src/server/storage/sqlite/sqliteStore.js';
import {
  StorageUnavailableError,
  type CounterSnapshot,
  type NewUsageEvent,
  type UsageStore,
} from '../../src/server/storage/usageStore.js';
import {
  checkPostgres,
  createTestDatabase,
  emptyUsageTables,
  type TestDatabase,
} from '../helpers/postgresDatabase.js';
import { makeTempDir, removeDir } from '../helpers/testServer.js';

/** One way of getting a store: each test opens an empty one and may reopen it. */
interface Backend {
  kind: UsageStore['kind'];
  available: boolean;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  openEmpty(clock: () => number): Promise<UsageStore>;
  reopen(clock: () => number): Promise<UsageStore>;
}

function sqliteBackend(): Backend {
  let dir = '';
  let file = '';
  let opened = 0;
  return {
    kind: 'sqlite',
    available: true,
    setUp: async () => void (dir = await makeTempDir()),
    tearDown: () => removeDir(dir),
    openEmpty: (clock) => {
      file = path.join(dir, `usage-${(opened += 1)}.db`);
      return Promise.resolve(new SqliteUsageStore(file, clock));
    },
    reopen: (clock) => Promise.resolve(new SqliteUsageStore(file, clock)),
  };
}

function postgresBackend(available: boolean): Backend {
  let database: TestDatabase | undefined;
  const url = () => database?.url ?? '';
  return {
    kind: 'postgres',
    available,
    setUp: async () => void (database = await createTestDatabase()),
    tearDown: async () => database?.drop(),
    openEmpty: async (clock) => {
      const store = await PostgresUsageStore.open(url(), clock);
      await emptyUsageTables(database!);
      return store;
    },
    reopen: (clock) => PostgresUsageStore.open(url(), clock),
  };
}

const postgres = await checkPostgres('UsageStore conformance on PostgreSQL');
const BACKENDS = [sqliteBackend(), postgresBackend(postgres.available)];

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const MIDNIGHT = Date.parse('2026-03-10T00:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function usageEvent(overrides: Partial<NewUsageEvent> = {}): NewUsageEvent {
  return {
    userId: 'user_1',
    action: 'lead_generation',
    durationSeconds: 1,
    success: true,
    occurredAt: NOW,
    receivedAt: NOW,
    caller: 'key:agents',
    eventId: null,
    ...overrides,
  };
}

/** Sums of doubles depend on the order they were added in; compare them to 1e-6. */
function roundedSums(snapshot: CounterSnapshot): CounterSnapshot {
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return {
    ...snapshot,
    userTotals: snapshot.userTotals.map((row) => ({ ...row, durationSum: round(row.durationSum) })),
    globalTotals: snapshot.globalTotals.map((row) => ({
      ...row,
      durationSum: round(row.durationSum),
    })),
  };
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`UsageStore conformance: ${backend.kind}`, () => {
    let now = NOW;
    const clock = () => now;
    let store: UsageStore;

    const metricsOf = async (userId: string | null, todayStart = MIDNIGHT, activityLimit = 10) =>
      composeUsageMetrics(await store.readMetrics({ userId, todayStart, activityLimit }));

    beforeAll(() => backend.setUp());
    afterAll(() => backend.tearDown());

    beforeEach(async () => {
      now = NOW;
      store = await backend.openEmpty(clock);
    });

    afterEach(() => store.close());

    it('says which database it is', () => {
      expect(store.kind).toBe(backend.kind);
    });

    it('answers a recorded event as stored, with a numeric id', async () => {
      const [outcome] = await store.recordEvents([
        usageEvent({ durationSeconds: 2.5, eventId: 'e-1' }),
      ]);

      expect(outcome).toEqual({
        duplicate: false,
        event: {
          id: expect.any(Number) as number,
          user_id: 'user_1',
          action: 'lead_generation',
          duration: 2.5,
          success: true,
          timestamp: '2026-03-10T12:00:00.000Z',
          event_id: 'e-1',
        },
      });
      expect(Number.isInteger(outcome?.event.id)).toBe(true);
    });

    it('answers a repeated event_id from the same caller with the original, counted once', async () => {
      const [first] = await store.recordEvents([usageEvent({ eventId: 'e-1' })]);
      const [again] = await store.recordEvents([
        usageEvent({ eventId: 'e-1', durationSeconds: 9, success: false }),
      ]);

      expect(again).toEqual({ duplicate: true, event: first?.event });
      const metrics = await metricsOf(null);
      expect(metrics.total_searches).toBe(1);
      expect(metrics.performance_stats.average_response_time).toBe(1);
    });

    it('deduplicates per caller, and never events without an event_id', async () => {
      await store.recordEvents([usageEvent({ eventId: 'e-1' })]);
      const outcomes = await store.recordEvents([
        usageEvent({ eventId: 'e-1', caller: 'user:user_1' }),
        usageEvent(),
        usageEvent(),
      ]);

      expect(outcomes.map((outcome) => outcome.duplicate)).toEqual([false, false, false]);
      expect((await metricsOf(null)).total_searches).toBe(4);
    });

    it('answers a repeated event_id inside one batch as a duplicate of the first', async () => {
      const outcomes = await store.recordEvents([
        usageEvent({ eventId: 'same', durationSeconds: 1 }),
        usageEvent({ eventId: 'other' }),
        usageEvent({ eventId: 'same', durationSeconds: 5 }),
      ]);

      expect(outcomes.map((outcome) => outcome.duplicate)).toEqual([false, false, true]);
      expect(outcomes[2]?.event).toEqual(outcomes[0]?.event);
      expect((await metricsOf(null)).total_searches).toBe(2);
    });

    it('stores a batch whole or not at all', async () => {
      const good = usageEvent({ eventId: 'good' });
      const broken = { ...usageEvent(), userId: null as unknown as string };

      await expect(store.recordEvents([good, broken])).rejects.toThrow();

      const metrics = await metricsOf(null);
      expect(metrics.total_searches).toBe(0);
      expect(metrics.recent_activity).toEqual([]);
      expect(await store.readCounters()).toEqual(await store.recountFromEvents());
      const [retried] = await store.recordEvents([good]);
      expect(retried?.duplicate).toBe(false);
    });

    it('stores a batch of a thousand, ids rising in batch order', async () => {
      const batch = Array.from({ length: 1000 }, (_, i) =>
        usageEvent({ eventId: `b-${i}`, userId: `user_${i % 7}`, success: i % 10 !== 0 }),
      );

      const outcomes = await store.recordEvents(batch);

      const ids = outcomes.map((outcome) => outcome.event.id);
      expect(outcomes.every((outcome) => !outcome.duplicate)).toBe(true);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(1000);
      const metrics = await metricsOf(null);
      expect(metrics.total_searches).toBe(1000);
      expect(metrics.performance_stats.total_errors).toBe(100);
    });

    it('computes the metrics for one user and for everyone, as numbers', async () => {
      await store.recordEvents([
        usageEvent({ durationSeconds: 2 }),
        usageEvent({ durationSeconds: 1, success: false }),
        usageEvent({ action: 'financial_analysis', durationSeconds: 3 }),
        usageEvent({
          userId: 'user_2',
          action: 'email_drafting',
          durationSeconds: 4,
          success: false,
        }),
      ]);

      const mine = await metricsOf('user_1');
      expect({ ...mine, recent_activity: [] }).toEqual({
        total_searches: 3,
        today_usage: 3,
        recent_activity: [],
        performance_stats: { average_response_time: 2, success_rate: 66.67, total_errors: 1 },
        agent_usage: { lead_generation: 2, financial_analysis: 1 },
      });

      const everyone = await metricsOf(null);
      expect({ ...everyone, recent_activity: [] }).toEqual({
        total_searches: 4,
        today_usage: 4,
        recent_activity: [],
        performance_stats: { average_response_time: 2.5, success_rate: 50, total_errors: 2 },
        agent_usage: { lead_generation: 2, financial_analysis: 1, email_drafting: 1 },
      });
    });

    it('answers zeros and an empty feed for a user with no events', async () => {
      await store.recordEvents([usageEvent()]);

      const figures = await store.readMetrics({
        userId: 'nobody',
        todayStart: MIDNIGHT,
        activityLimit: 10,
      });

      expect(figures).toEqual({ actionTotals: [], todayCount: 0, recentActivity: [] });
    });

    it('counts today from midnight, across 15-minute bucket edges', async () => {
      const at = (offset: number, userId = 'user_1') =>
        usageEvent({ occurredAt: MIDNIGHT + offset, userId });
      await store.recordEvents([
        at(-HOUR),
        at(-1),
        at(0),
        at(15 * MINUTE - 1),
        at(15 * MINUTE),
        at(12 * HOUR - 1),
        at(HOUR, 'user_2'),
      ]);

      expect((await metricsOf('user_1')).today_usage).toBe(4);
      expect((await metricsOf('user_2')).today_usage).toBe(1);
      expect((await metricsOf(null)).today_usage).toBe(5);
    });

    it('counts today from a start that is not on a bucket edge', async () => {
      const start = Date.parse('2026-03-10T07:05:00.000Z');
      const at = (iso: string) => usageEvent({ occurredAt: Date.parse(iso) });
      await store.recordEvents([
        at('2026-03-10T07:00:00.000Z'),
        at('2026-03-10T07:04:59.999Z'),
        at('2026-03-10T07:05:00.000Z'),
        at('2026-03-10T07:14:59.999Z'),
        at('2026-03-10T07:15:00.000Z'),
        at('2026-03-10T11:00:00.000Z'),
      ]);

      expect((await metricsOf('user_1', start)).today_usage).toBe(4);
      expect((await metricsOf(null, start)).today_usage).toBe(4);
    });

    it('lists recent activity newest first, late events in place, ties by id', async () => {
      const at = (label: string, offset: number, userId = 'user_1') =>
        usageEvent({ eventId: label, occurredAt: NOW + offset, userId });
      await store.recordEvents([at('A', -10_000), at('B', -5_000), at('C', 0)]);
      await store.recordEvents([at('late', -7_000)]);
      await store.recordEvents([at('tie', -5_000), at('theirs', -1_000, 'user_2')]);

      const labels = (metrics: Awaited<ReturnType<typeof metricsOf>>) =>
        metrics.recent_activity.map((event) => event.event_id);
      expect(labels(await metricsOf('user_1'))).toEqual(['C', 'tie', 'B', 'late', 'A']);
      expect(labels(await metricsOf(null, MIDNIGHT, 3))).toEqual(['C', 'theirs', 'tie']);
      expect(labels(await metricsOf('user_2'))).toEqual(['theirs']);
    });

    it('keeps the running totals equal to a recount from the events', async () => {
      await store.recordEvents([
        usageEvent({ durationSeconds: 0.1, eventId: 'x' }),
        usageEvent({ durationSeconds: 0.2, userId: 'user_2', success: false }),
        usageEvent({ durationSeconds: 0.3, occurredAt: NOW - 3 * 24 * HOUR }),
        usageEvent({ action: 'financial_analysis', occurredAt: NOW - 47 * HOUR }),
      ]);
      await store.recordEvents([
        usageEvent({ eventId: 'x' }),
        usageEvent({ durationSeconds: 0.7 }),
      ]);
      now = NOW + 2 * HOUR;
      await store.recordEvents([usageEvent({ occurredAt: now, userId: 'Zed' })]);

      const counters = await store.readCounters();
      expect(roundedSums(counters)).toEqual(roundedSums(await store.recountFromEvents()));
      expect(counters.globalTotals.reduce((sum, row) => sum + row.events, 0)).toBe(6);
      expect(counters.globalBuckets.reduce((sum, row) => sum + row.events, 0)).toBe(4);
    });

    it('answers the health check while open and StorageUnavailableError once closed', async () => {
      await expect(store.checkHealth()).resolves.toBeUndefined();

      await store.close();

      await expect(store.checkHealth()).rejects.toBeInstanceOf(StorageUnavailableError);
      store = await backend.reopen(clock);
    });

    it('finishes the writes in flight before closing, and keeps them', async () => {
      const pending = store.recordEvents([usageEvent({ eventId: 'in-flight' })]);

      await store.close();

      expect((await pending)[0]?.duplicate).toBe(false);
      store = await backend.reopen(clock);
      expect((await metricsOf(null)).total_searches).toBe(1);
    });
  });
}
