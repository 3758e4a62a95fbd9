import type pg from 'pg';

import type { UsageEvent } from '../../../shared/usageEventSchema.js';
import type { Logger } from '../../logging/logger.js';
import { computeCounterDeltas } from '../counterDeltas.js';
import { GroupCommit } from '../groupCommit.js';
import { BUCKET_RETENTION_MS, nextBucketEdge } from '../todayBuckets.js';
import type {
  CounterSnapshot,
  MetricsFigures,
  MetricsScope,
  NewUsageEvent,
  RecordOutcome,
  UsageStore,
} from '../usageStore.js';
import { StorageUnavailableError } from '../usageStore.js';
import { asStorageError } from './postgresErrors.js';
import { applyPostgresMigrations } from './postgresMigrations.js';
import { createPostgresPool, describePostgresUrl } from './postgresPool.js';
import * as q from './postgresQueries.js';
import { inTransaction } from './postgresTransaction.js';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

type NumberedEvent = NewUsageEvent & { id: number };

/**
 * The shared store: any number of server processes on one PostgreSQL database behave as one
 * service. Each batch is one transaction; the unique index on (caller, event_id) decides which
 * of two concurrent copies of an event is stored, and the running totals are updated in the
 * same transaction, row by row in a fixed order, so concurrent writers never deadlock.
 */
export class PostgresUsageStore implements UsageStore {
  readonly kind = 'postgres' as const;
  private lastPruneAt = 0;
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly writes = new GroupCommit((events) => this.commitEvents(events));

  private constructor(
    private readonly pool: pg.Pool,
    private readonly clock: () => number,
  ) {}

  /** Connects, migrates under an advisory lock, and answers a ready store. */
  static async open(
    url: string,
    clock: () => number = Date.now,
    log?: Logger,
  ): Promise<PostgresUsageStore> {
    const pool = createPostgresPool(url, log);
    try {
      await applyPostgresMigrations(pool);
    } catch (error) {
      await pool.end();
      throw new StorageUnavailableError(
        `cannot open the PostgreSQL database at ${describePostgresUrl(url)}: ` +
          `${error instanceof Error ? error.message : String(error)}; check DATABASE_URL ` +
          'and that the server accepts connections',
        { cause: error },
      );
    }
    return new PostgresUsageStore(pool, clock);
  }

  recordEvents(events: readonly NewUsageEvent[]): Promise<RecordOutcome[]> {
    if (events.length === 0) return Promise.resolve([]);
    if (this.closed) return this.run('recording usage events', () => Promise.resolve([]));
    return this.writes.enqueue(events);
  }

  private commitEvents(events: readonly NewUsageEvent[]): Promise<RecordOutcome[]> {
    return this.run('recording usage events', () =>
      inTransaction(this.pool, 'read write', (client) => this.writeEvents(client, events)),
    );
  }

  /**
   * Runs one operation, counted as in flight so that `close` can wait for it: ending the pool
   * while a request still waits for a connection would fail that request.
   */
  private async run<T>(doing: string, operation: () => Promise<T>): Promise<T> {
    if (this.closed) {
      throw new StorageUnavailableError(
        `the PostgreSQL store is closed (the server is shutting down) while ${doing}; retry`,
      );
    }
    const running = operation();
    this.inFlight.add(running);
    try {
      return await running;
    } catch (error) {
      throw asStorageError(error, doing);
    } finally {
      this.inFlight.delete(running);
    }
  }

  private async writeEvents(
    client: pg.PoolClient,
    events: readonly NewUsageEvent[],
  ): Promise<RecordOutcome[]> {
    const ids = await q.allocateEventIds(client, events.length);
    const numbered: NumberedEvent[] = events.map((event, i) => ({ ...event, id: ids[i]! }));

    const insertedIds = await q.insertEvents(client, inLockOrder(numbered));
    const inserted = numbered.filter((event) => insertedIds.has(event.id));
    const originals = await this.findOriginals(client, numbered, insertedIds);

    await this.addCounters(client, inserted);
    return numbered.map((event) =>
      insertedIds.has(event.id)
        ? { duplicate: false, event: storedEvent(event) }
        : { duplicate: true, event: originalOf(event, originals) },
    );
  }

  private async findOriginals(
    client: pg.PoolClient,
    numbered: readonly NumberedEvent[],
    insertedIds: ReadonlySet<number>,
  ): Promise<Map<string, UsageEvent>> {
    const keys = numbered
      .filter((event) => !insertedIds.has(event.id) && event.eventId !== null)
      .map((event) => ({ caller: event.caller, eventId: event.eventId ?? '' }));
    return keys.length === 0 ? new Map() : q.findByEventIds(client, keys);
  }

  private async addCounters(client: pg.PoolClient, inserted: readonly NewUsageEvent[]) {
    const now = this.clock();
    const deltas = computeCounterDeltas(inserted, now);

    // Every writer touches the same few global rows, and holds their locks until it commits:
    // they are updated last, so that they are held for as short a time as possible.
    await q.addUserTotals(client, deltas.userTotals);
    await q.addUserBuckets(client, deltas.userBuckets);
    await q.addGlobalTotals(client, deltas.globalTotals);
    await q.addGlobalBuckets(client, deltas.globalBuckets);

    if (now - this.lastPruneAt >= PRUNE_EVERY_MS) {
      await q.pruneBuckets(client, now - BUCKET_RETENTION_MS);
      this.lastPruneAt = now;
    }
  }

  readMetrics(scope: MetricsScope): Promise<MetricsFigures> {
    return this.run('reading the metrics', () =>
      inTransaction(this.pool, 'read only snapshot', (client) =>
        scope.userId === null
          ? readGlobalFigures(client, scope)
          : readUserFigures(client, scope.userId, scope),
      ),
    );
  }

  async checkHealth(): Promise<void> {
    try {
      await this.run('answering the health check', () => q.ping(this.pool));
    } catch (error) {
      if (error instanceof StorageUnavailableError) throw error;
      throw new StorageUnavailableError('PostgreSQL answered the health check with an error', {
        cause: error,
      });
    }
  }

  recountFromEvents(): Promise<CounterSnapshot> {
    const horizon = snapshotHorizon(this.clock());
    return this.run('recounting the running totals', () =>
      inTransaction(this.pool, 'read only snapshot', (client) =>
        q.recountCounters(client, horizon),
      ),
    );
  }

  readCounters(): Promise<CounterSnapshot> {
    const horizon = snapshotHorizon(this.clock());
    return this.run('reading the running totals', () =>
      inTransaction(this.pool, 'read only snapshot', (client) =>
        q.readStoredCounters(client, horizon),
      ),
    );
  }

  /** Refuses new work, lets the operations in flight finish, then closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.writes.drain();
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.pool.end();
  }
}

/**
 * Inserts go in (caller, event_id) order: two batches that share event ids then wait for each
 * other in one direction only, instead of each holding what the other needs.
 */
function inLockOrder(events: readonly NumberedEvent[]): NumberedEvent[] {
  const key = (event: NumberedEvent) => q.eventIdKey(event.caller, event.eventId ?? '');
  return [...events].sort((a, b) => {
    // Events without an id cannot conflict: they go first, in the order they came.
    if (a.eventId === null || b.eventId === null) {
      return (a.eventId === null ? 0 : 1) - (b.eventId === null ? 0 : 1);
    }
    const [ka, kb] = [key(a), key(b)];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

async function readGlobalFigures(client: pg.PoolClient, scope: MetricsScope) {
  const firstEdge = nextBucketEdge(scope.todayStart);
  const beforeFirstEdge =
    firstEdge > scope.todayStart
      ? await q.countGlobalEventsBetween(client, scope.todayStart, firstEdge)
      : 0;

  const figures: MetricsFigures = {
    actionTotals: await q.readGlobalTotals(client),
    todayCount: (await q.countGlobalBuckets(client, firstEdge)) + beforeFirstEdge,
    recentActivity: await q.readGlobalRecent(client, scope.activityLimit),
  };
  return figures;
}

async function readUserFigures(client: pg.PoolClient, userId: string, scope: MetricsScope) {
  const firstEdge = nextBucketEdge(scope.todayStart);
  const beforeFirstEdge =
    firstEdge > scope.todayStart
      ? await q.countUserEventsBetween(client, userId, scope.todayStart, firstEdge)
      : 0;

  const figures: MetricsFigures = {
    actionTotals: await q.readUserTotals(client, userId),
    todayCount: (await q.countUserBuckets(client, userId, firstEdge)) + beforeFirstEdge,
    recentActivity: await q.readUserRecent(client, userId, scope.activityLimit),
  };
  return figures;
}

/**
 * The oldest bucket a snapshot compares: the first whole bucket inside retention. A bucket that
 * straddles the horizon holds events too old to have been counted next to some that were.
 */
function snapshotHorizon(now: number): number {
  return nextBucketEdge(now - BUCKET_RETENTION_MS);
}

function storedEvent(event: NumberedEvent): UsageEvent {
  return {
    id: event.id,
    user_id: event.userId,
    action: event.action,
    duration: event.durationSeconds,
    success: event.success,
    timestamp: new Date(event.occurredAt).toISOString(),
    event_id: event.eventId,
  };
}

function originalOf(event: NumberedEvent, originals: ReadonlyMap<string, UsageEvent>) {
  const original = originals.get(q.eventIdKey(event.caller, event.eventId ?? ''));
  if (!original) throw new Error('an event_id conflicted but its original row is missing');
  return original;
}
