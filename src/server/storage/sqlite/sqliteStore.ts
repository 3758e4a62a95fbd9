import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { UsageEvent } from '../../../shared/usageEventSchema.js';
import { computeCounterDeltas } from '../counterDeltas.js';
import { BUCKET_RETENTION_MS, nextBucketEdge } from '../todayBuckets.js';
import {
  StorageUnavailableError,
  type ActionTotals,
  type CounterSnapshot,
  type MetricsFigures,
  type MetricsScope,
  type NewUsageEvent,
  type RecordOutcome,
  type UsageStore,
} from '../usageStore.js';
import { applySqliteMigrations } from './sqliteMigrations.js';
import { SqliteWriteQueue } from './sqliteWriteQueue.js';

interface EventRow {
  id: number;
  user_id: string;
  action: string;
  duration: number;
  success: number;
  occurred_at: number;
  event_id: string | null;
}

const EVENT_COLUMNS = 'id, user_id, action, duration, success, occurred_at, event_id';
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * The running totals add durations batch by batch, a recount adds them row by row, and
 * floating-point addition depends on the order: the snapshots agree to a microsecond.
 */
const SNAPSHOT_DURATION_DECIMALS = 6;

function toUsageEvent(row: EventRow): UsageEvent {
  return {
    id: row.id,
    user_id: row.user_id,
    action: row.action,
    duration: row.duration,
    success: row.success === 1,
    timestamp: new Date(row.occurred_at).toISOString(),
    event_id: row.event_id,
  };
}

function openDatabase(filePath: string): Database.Database {
  if (filePath !== ':memory:')
    fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  const db = new Database(filePath);

  // WAL with synchronous=NORMAL: a commit is in the WAL file before it returns, so an
  // acknowledged event survives the process being killed. A power cut may lose the last
  // commits; `SQLITE_SYNCHRONOUS=FULL` trades ingest speed for that guarantee.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  return db;
}

function prepareStatements(db: Database.Database) {
  return {
    insertEvent: db.prepare(
      `INSERT INTO usage_events
         (user_id, action, duration, success, occurred_at, received_at, caller, event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (caller, event_id) WHERE event_id IS NOT NULL DO NOTHING`,
    ),
    findByEventId: db.prepare<[string, string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM usage_events WHERE caller = ? AND event_id = ?`,
    ),
    addUserTotals: db.prepare(
      `INSERT INTO user_totals VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, action) DO UPDATE SET events = events + excluded.events,
         successes = successes + excluded.successes,
         duration_sum = duration_sum + excluded.duration_sum`,
    ),
    addGlobalTotals: db.prepare(
      `INSERT INTO global_totals VALUES (?, ?, ?, ?)
       ON CONFLICT (action) DO UPDATE SET events = events + excluded.events,
         successes = successes + excluded.successes,
         duration_sum = duration_sum + excluded.duration_sum`,
    ),
    addUserBucket: db.prepare(
      `INSERT INTO user_buckets VALUES (?, ?, ?)
       ON CONFLICT (user_id, bucket_start) DO UPDATE SET events = events + excluded.events`,
    ),
    addGlobalBucket: db.prepare(
      `INSERT INTO global_buckets VALUES (?, ?)
       ON CONFLICT (bucket_start) DO UPDATE SET events = events + excluded.events`,
    ),
    pruneUserBuckets: db.prepare('DELETE FROM user_buckets WHERE bucket_start < ?'),
    pruneGlobalBuckets: db.prepare('DELETE FROM global_buckets WHERE bucket_start < ?'),
    userTotals: db.prepare<[string], ActionTotals>(
      `SELECT action, events, successes, duration_sum AS durationSum
       FROM user_totals WHERE user_id = ?`,
    ),
    globalTotals: db.prepare<[], ActionTotals>(
      'SELECT action, events, successes, duration_sum AS durationSum FROM global_totals',
    ),
    userBucketCount: db.prepare<[string, number], { n: number }>(
      'SELECT COALESCE(SUM(events), 0) AS n FROM user_buckets WHERE user_id = ? AND bucket_start >= ?',
    ),
    globalBucketCount: db.prepare<[number], { n: number }>(
      'SELECT COALESCE(SUM(events), 0) AS n FROM global_buckets WHERE bucket_start >= ?',
    ),
    userEventCountBetween: db.prepare<[string, number, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM usage_events
       WHERE user_id = ? AND occurred_at >= ? AND occurred_at < ?`,
    ),
    globalEventCountBetween: db.prepare<[number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM usage_events WHERE occurred_at >= ? AND occurred_at < ?',
    ),
    userRecent: db.prepare<[string, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM usage_events WHERE user_id = ?
       ORDER BY occurred_at DESC, id DESC LIMIT ?`,
    ),
    globalRecent: db.prepare<[number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM usage_events ORDER BY occurred_at DESC, id DESC LIMIT ?`,
    ),
    ping: db.prepare('SELECT 1'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * The embedded store: one SQLite file, one writer. Writes from concurrent requests are
 * gathered into one transaction per turn of the event loop (see `SqliteWriteQueue`), and the
 * metrics read running totals kept in that same transaction, so reading them costs the same
 * at ten events or ten million.
 */
export class SqliteUsageStore implements UsageStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly writeQueue: SqliteWriteQueue;
  private lastPruneAt = 0;

  constructor(
    filePath: string,
    private readonly clock: () => number = Date.now,
  ) {
    try {
      this.db = openDatabase(filePath);
      applySqliteMigrations(this.db);
    } catch (error) {
      throw new StorageUnavailableError(`cannot open the SQLite database at ${filePath}`, {
        cause: error,
      });
    }
    this.statements = prepareStatements(this.db);
    const writeBatch = this.db.transaction((events: readonly NewUsageEvent[]) =>
      this.writeEvents(events),
    );
    this.writeQueue = new SqliteWriteQueue((events) => writeBatch.immediate(events));
  }

  recordEvents(events: readonly NewUsageEvent[]): Promise<RecordOutcome[]> {
    return this.writeQueue.enqueue(events);
  }

  private writeEvents(events: readonly NewUsageEvent[]): RecordOutcome[] {
    const outcomes: RecordOutcome[] = [];
    const inserted: NewUsageEvent[] = [];

    for (const event of events) {
      const result = this.statements.insertEvent.run(
        event.userId,
        event.action,
        event.durationSeconds,
        event.success ? 1 : 0,
        event.occurredAt,
        event.receivedAt,
        event.caller,
        event.eventId,
      );
      if (result.changes === 1) {
        inserted.push(event);
        outcomes.push({
          duplicate: false,
          event: insertedEvent(event, Number(result.lastInsertRowid)),
        });
      } else {
        outcomes.push({ duplicate: true, event: this.findOriginal(event) });
      }
    }

    this.addCounters(inserted);
    return outcomes;
  }

  private findOriginal(event: NewUsageEvent): UsageEvent {
    const row = this.statements.findByEventId.get(event.caller, event.eventId ?? '');
    if (!row) throw new Error('an event_id conflicted but its original row is missing');
    return toUsageEvent(row);
  }

  private addCounters(inserted: readonly NewUsageEvent[]): void {
    const now = this.clock();
    const deltas = computeCounterDeltas(inserted, now);
    const s = this.statements;

    for (const row of deltas.userTotals) {
      s.addUserTotals.run(row.userId, row.action, row.events, row.successes, row.durationSum);
    }
    for (const row of deltas.globalTotals) {
      s.addGlobalTotals.run(row.action, row.events, row.successes, row.durationSum);
    }
    for (const row of deltas.userBuckets)
      s.addUserBucket.run(row.userId, row.bucketStart, row.events);
    for (const row of deltas.globalBuckets) s.addGlobalBucket.run(row.bucketStart, row.events);

    if (now - this.lastPruneAt >= PRUNE_EVERY_MS) {
      s.pruneUserBuckets.run(now - BUCKET_RETENTION_MS);
      s.pruneGlobalBuckets.run(now - BUCKET_RETENTION_MS);
      this.lastPruneAt = now;
    }
  }

  readMetrics(scope: MetricsScope): Promise<MetricsFigures> {
    try {
      const read = this.db.transaction(() => this.readFigures(scope));
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(asStorageError(error));
    }
  }

  private readFigures({ userId, todayStart, activityLimit }: MetricsScope): MetricsFigures {
    const s = this.statements;
    const firstEdge = nextBucketEdge(todayStart);

    if (userId === null) {
      const beforeFirstEdge =
        firstEdge > todayStart ? s.globalEventCountBetween.get(todayStart, firstEdge)!.n : 0;
      return {
        actionTotals: s.globalTotals.all(),
        todayCount: s.globalBucketCount.get(firstEdge)!.n + beforeFirstEdge,
        recentActivity: s.globalRecent.all(activityLimit).map(toUsageEvent),
      };
    }

    const beforeFirstEdge =
      firstEdge > todayStart ? s.userEventCountBetween.get(userId, todayStart, firstEdge)!.n : 0;
    return {
      actionTotals: s.userTotals.all(userId),
      todayCount: s.userBucketCount.get(userId, firstEdge)!.n + beforeFirstEdge,
      recentActivity: s.userRecent.all(userId, activityLimit).map(toUsageEvent),
    };
  }

  checkHealth(): Promise<void> {
    try {
      this.statements.ping.get();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(asStorageError(error));
    }
  }

  recountFromEvents(): Promise<CounterSnapshot> {
    const horizon = snapshotHorizon(this.clock());
    const db = this.db;
    const recount = db.transaction(() => ({
      userTotals: db
        .prepare(
          `SELECT user_id AS userId, action, COUNT(*) AS events, SUM(success) AS successes,
             ROUND(SUM(duration), ${SNAPSHOT_DURATION_DECIMALS}) AS durationSum
           FROM usage_events GROUP BY user_id, action ORDER BY user_id, action`,
        )
        .all() as CounterSnapshot['userTotals'],
      globalTotals: db
        .prepare(
          `SELECT action, COUNT(*) AS events, SUM(success) AS successes,
             ROUND(SUM(duration), ${SNAPSHOT_DURATION_DECIMALS}) AS durationSum
           FROM usage_events GROUP BY action ORDER BY action`,
        )
        .all() as CounterSnapshot['globalTotals'],
      userBuckets: db
        .prepare(
          `SELECT user_id AS userId, (occurred_at / 900000) * 900000 AS bucketStart,
             COUNT(*) AS events
           FROM usage_events WHERE occurred_at >= ?
           GROUP BY userId, bucketStart ORDER BY userId, bucketStart`,
        )
        .all(horizon) as CounterSnapshot['userBuckets'],
      globalBuckets: db
        .prepare(
          `SELECT (occurred_at / 900000) * 900000 AS bucketStart, COUNT(*) AS events
           FROM usage_events WHERE occurred_at >= ?
           GROUP BY bucketStart ORDER BY bucketStart`,
        )
        .all(horizon) as CounterSnapshot['globalBuckets'],
    }));
    return Promise.resolve(recount());
  }

  readCounters(): Promise<CounterSnapshot> {
    const horizon = snapshotHorizon(this.clock());
    const db = this.db;
    const read = db.transaction(() => ({
      userTotals: db
        .prepare(
          `SELECT user_id AS userId, action, events, successes,
             ROUND(duration_sum, ${SNAPSHOT_DURATION_DECIMALS}) AS durationSum
           FROM user_totals ORDER BY user_id, action`,
        )
        .all() as CounterSnapshot['userTotals'],
      globalTotals: db
        .prepare(
          `SELECT action, events, successes,
             ROUND(duration_sum, ${SNAPSHOT_DURATION_DECIMALS}) AS durationSum
           FROM global_totals ORDER BY action`,
        )
        .all() as CounterSnapshot['globalTotals'],
      userBuckets: db
        .prepare(
          `SELECT user_id AS userId, bucket_start AS bucketStart, events FROM user_buckets
           WHERE bucket_start >= ? ORDER BY user_id, bucket_start`,
        )
        .all(horizon) as CounterSnapshot['userBuckets'],
      globalBuckets: db
        .prepare(
          `SELECT bucket_start AS bucketStart, events FROM global_buckets
           WHERE bucket_start >= ? ORDER BY bucket_start`,
        )
        .all(horizon) as CounterSnapshot['globalBuckets'],
    }));
    return Promise.resolve(read());
  }

  async close(): Promise<void> {
    await this.writeQueue.drain();
    this.db.close();
  }
}

/**
 * The oldest bucket both snapshots compare: the first whole bucket inside retention. A
 * bucket straddling the horizon holds events too old to have been counted, next to some that
 * were, so a recount and the stored counter would disagree on it for no fault of the counters.
 */
function snapshotHorizon(now: number): number {
  return nextBucketEdge(now - BUCKET_RETENTION_MS);
}

function insertedEvent(event: NewUsageEvent, id: number): UsageEvent {
  return {
    id,
    user_id: event.userId,
    action: event.action,
    duration: event.durationSeconds,
    success: event.success,
    timestamp: new Date(event.occurredAt).toISOString(),
    event_id: event.eventId,
  };
}

function asStorageError(error: unknown): Error {
  if (error instanceof StorageUnavailableError) return error;
  return new StorageUnavailableError('the SQLite database did not answer', { cause: error });
}
