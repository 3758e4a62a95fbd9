import type Database from 'better-sqlite3';

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
import { SqliteCheckpointer } from './sqliteCheckpointer.js';
import { openSqliteDatabase } from './sqliteDatabase.js';
import { applySqliteMigrations } from './sqliteMigrations.js';
import { EVENT_COLUMNS, toUsageEvent, type EventRow } from './sqliteRows.js';
import { SqliteWriterClient } from './sqliteWriterClient.js';

/**
 * The running totals add durations batch by batch, a recount adds them row by row, and
 * floating-point addition depends on the order: the snapshots agree to a microsecond.
 */
const SNAPSHOT_DURATION_DECIMALS = 6;

function prepareStatements(db: Database.Database) {
  return {
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
 * The embedded store: one SQLite file. Writes go to a thread of their own (see
 * `sqliteWriterThread.ts`), which gathers concurrent requests into one transaction and keeps
 * the running totals in that same transaction; a second thread checkpoints the WAL; this
 * thread only reads. Metrics read the
 * running totals, so they cost the same at ten events or ten million.
 */
export class SqliteUsageStore implements UsageStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly writer: SqliteWriterClient;
  private readonly checkpointer: SqliteCheckpointer;

  constructor(
    filePath: string,
    private readonly clock: () => number = Date.now,
  ) {
    try {
      this.db = openSqliteDatabase(filePath);
      applySqliteMigrations(this.db);
      // From here on this connection only reads: the writer thread owns every write.
      this.db.pragma('query_only = ON');
    } catch (error) {
      throw new StorageUnavailableError(`cannot open the SQLite database at ${filePath}`, {
        cause: error,
      });
    }
    this.statements = prepareStatements(this.db);
    this.writer = new SqliteWriterClient({ filePath });
    this.checkpointer = new SqliteCheckpointer(filePath);
  }

  recordEvents(events: readonly NewUsageEvent[]): Promise<RecordOutcome[]> {
    return this.writer.write(events, this.clock());
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
    await this.writer.close();
    await this.checkpointer.close();
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

function asStorageError(error: unknown): Error {
  if (error instanceof StorageUnavailableError) return error;
  return new StorageUnavailableError('the SQLite database did not answer', { cause: error });
}
