import type Database from 'better-sqlite3';

import type { UsageEvent } from '../../../shared/usageEventSchema.js';
import { computeCounterDeltas } from '../counterDeltas.js';
import { BUCKET_RETENTION_MS } from '../todayBuckets.js';
import type { NewUsageEvent } from '../usageStore.js';
import { EVENT_COLUMNS, toUsageEvent, type EventRow } from './sqliteRows.js';
import type { WrittenEvent } from './sqliteWriterProtocol.js';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

function prepareWrites(db: Database.Database) {
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
  };
}

/**
 * Stores events and their running totals in one transaction: an event and the counters it
 * moves are committed together or not at all, so the totals always equal the events.
 */
export class SqliteEventWriter {
  private readonly statements: ReturnType<typeof prepareWrites>;
  private readonly writeInTransaction: (
    events: readonly NewUsageEvent[],
    now: number,
  ) => WrittenEvent[];
  private lastPruneAt = 0;

  constructor(db: Database.Database) {
    this.statements = prepareWrites(db);
    const transaction = db.transaction((events: readonly NewUsageEvent[], now: number) =>
      this.writeEvents(events, now),
    );
    this.writeInTransaction = (events, now) => transaction.immediate(events, now);
  }

  /** `now` is the server's clock when the events were received, for the today buckets. */
  write(events: readonly NewUsageEvent[], now: number): WrittenEvent[] {
    return this.writeInTransaction(events, now);
  }

  private writeEvents(events: readonly NewUsageEvent[], now: number): WrittenEvent[] {
    const written: WrittenEvent[] = [];
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
        written.push(Number(result.lastInsertRowid));
      } else {
        written.push(this.findOriginal(event));
      }
    }

    this.addCounters(inserted, now);
    return written;
  }

  private findOriginal(event: NewUsageEvent): UsageEvent {
    const row = this.statements.findByEventId.get(event.caller, event.eventId ?? '');
    if (!row) throw new Error('an event_id conflicted but its original row is missing');
    return toUsageEvent(row);
  }

  private addCounters(inserted: readonly NewUsageEvent[], now: number): void {
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
}
