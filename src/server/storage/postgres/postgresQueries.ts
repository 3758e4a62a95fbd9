import type pg from 'pg';

import type { UsageEvent } from '../../../shared/usageEventSchema.js';
import type { CounterDeltas } from '../counterDeltas.js';
import type { ActionTotals, CounterSnapshot, NewUsageEvent } from '../usageStore.js';

/**
 * Every statement the PostgreSQL store runs, one named function each. Each has a statement
 * name, so pg prepares it once per connection. Batches travel as one array per column and are
 * unnested in SQL: a thousand events are one round trip, not a thousand.
 */
type Queryable = pg.Pool | pg.PoolClient;

interface EventRow {
  id: number;
  user_id: string;
  action: string;
  duration: number;
  success: boolean;
  occurred_at: number;
  event_id: string | null;
}

const EVENT_COLUMNS = 'id, user_id, action, duration, success, occurred_at, event_id';

// Byte order, as SQLite sorts, so that snapshots from both stores line up whatever the
// database's collation.
const BYTE_ORDER = 'COLLATE "C"';

export function toUsageEvent(row: EventRow): UsageEvent {
  return {
    id: row.id,
    user_id: row.user_id,
    action: row.action,
    duration: row.duration,
    success: row.success,
    timestamp: new Date(row.occurred_at).toISOString(),
    event_id: row.event_id,
  };
}

/** Takes `count` ids from the sequence, ascending, so that each event's id is known up front. */
export async function allocateEventIds(db: Queryable, count: number): Promise<number[]> {
  const result = await db.query<{ id: number }>({
    name: 'allocate-event-ids',
    text: "SELECT nextval('usage_events_id_seq') AS id FROM generate_series(1, $1::int)",
    values: [count],
  });
  return result.rows.map((row) => row.id).sort((a, b) => a - b);
}

/**
 * Inserts the events in the given order, skipping each whose caller already sent its
 * `event_id`, and answers the ids actually inserted. A concurrent transaction inserting the
 * same `event_id` makes this one wait for it, then skip.
 */
export async function insertEvents(
  db: Queryable,
  events: ReadonlyArray<NewUsageEvent & { id: number }>,
): Promise<Set<number>> {
  const result = await db.query<{ id: number }>({
    name: 'insert-events',
    text: `INSERT INTO usage_events
             (id, user_id, action, duration, success, occurred_at, received_at, caller, event_id)
           SELECT id, user_id, action, duration, success, occurred_at, received_at, caller, event_id
           FROM unnest($1::int8[], $2::text[], $3::text[], $4::float8[], $5::bool[],
                       $6::int8[], $7::int8[], $8::text[], $9::text[])
             WITH ORDINALITY AS e(id, user_id, action, duration, success, occurred_at,
                                  received_at, caller, event_id, position)
           ORDER BY position
           ON CONFLICT (caller, event_id) WHERE event_id IS NOT NULL DO NOTHING
           RETURNING id`,
    values: [
      events.map((e) => e.id),
      events.map((e) => e.userId),
      events.map((e) => e.action),
      events.map((e) => e.durationSeconds),
      events.map((e) => e.success),
      events.map((e) => e.occurredAt),
      events.map((e) => e.receivedAt),
      events.map((e) => e.caller),
      events.map((e) => e.eventId),
    ],
  });
  return new Set(result.rows.map((row) => row.id));
}

/** The stored originals of events sent again, keyed by caller and `event_id`. */
export async function findByEventIds(
  db: Queryable,
  keys: ReadonlyArray<{ caller: string; eventId: string }>,
): Promise<Map<string, UsageEvent>> {
  const result = await db.query<EventRow & { caller: string }>({
    name: 'find-by-event-ids',
    text: `SELECT ${EVENT_COLUMNS}, caller FROM usage_events
           WHERE event_id IS NOT NULL
             AND (caller, event_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    values: [keys.map((k) => k.caller), keys.map((k) => k.eventId)],
  });
  return new Map(
    result.rows.map((row) => [eventIdKey(row.caller, row.event_id ?? ''), toUsageEvent(row)]),
  );
}

export function eventIdKey(caller: string, eventId: string): string {
  return `${caller}\u0000${eventId}`;
}

export async function addUserTotals(db: Queryable, rows: CounterDeltas['userTotals']) {
  if (rows.length === 0) return;
  await db.query({
    name: 'add-user-totals',
    text: `INSERT INTO user_totals AS t (user_id, action, events, successes, duration_sum)
           SELECT user_id, action, events, successes, duration_sum
           FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::float8[])
             WITH ORDINALITY AS r(user_id, action, events, successes, duration_sum, position)
           ORDER BY position
           ON CONFLICT (user_id, action) DO UPDATE SET events = t.events + excluded.events,
             successes = t.successes + excluded.successes,
             duration_sum = t.duration_sum + excluded.duration_sum`,
    values: [
      rows.map((r) => r.userId),
      rows.map((r) => r.action),
      rows.map((r) => r.events),
      rows.map((r) => r.successes),
      rows.map((r) => r.durationSum),
    ],
  });
}

export async function addGlobalTotals(db: Queryable, rows: CounterDeltas['globalTotals']) {
  if (rows.length === 0) return;
  await db.query({
    name: 'add-global-totals',
    text: `INSERT INTO global_totals AS t (action, events, successes, duration_sum)
           SELECT action, events, successes, duration_sum
           FROM unnest($1::text[], $2::int8[], $3::int8[], $4::float8[])
             WITH ORDINALITY AS r(action, events, successes, duration_sum, position)
           ORDER BY position
           ON CONFLICT (action) DO UPDATE SET events = t.events + excluded.events,
             successes = t.successes + excluded.successes,
             duration_sum = t.duration_sum + excluded.duration_sum`,
    values: [
      rows.map((r) => r.action),
      rows.map((r) => r.events),
      rows.map((r) => r.successes),
      rows.map((r) => r.durationSum),
    ],
  });
}

export async function addUserBuckets(db: Queryable, rows: CounterDeltas['userBuckets']) {
  if (rows.length === 0) return;
  await db.query({
    name: 'add-user-buckets',
    text: `INSERT INTO user_buckets AS b (user_id, bucket_start, events)
           SELECT user_id, bucket_start, events
           FROM unnest($1::text[], $2::int8[], $3::int8[])
             WITH ORDINALITY AS r(user_id, bucket_start, events, position)
           ORDER BY position
           ON CONFLICT (user_id, bucket_start) DO UPDATE SET events = b.events + excluded.events`,
    values: [rows.map((r) => r.userId), rows.map((r) => r.bucketStart), rows.map((r) => r.events)],
  });
}

export async function addGlobalBuckets(db: Queryable, rows: CounterDeltas['globalBuckets']) {
  if (rows.length === 0) return;
  await db.query({
    name: 'add-global-buckets',
    text: `INSERT INTO global_buckets AS b (bucket_start, events)
           SELECT bucket_start, events
           FROM unnest($1::int8[], $2::int8[]) WITH ORDINALITY AS r(bucket_start, events, position)
           ORDER BY position
           ON CONFLICT (bucket_start) DO UPDATE SET events = b.events + excluded.events`,
    values: [rows.map((r) => r.bucketStart), rows.map((r) => r.events)],
  });
}

/** Drops the buckets no "today" can reach any more. */
export async function pruneBuckets(db: Queryable, before: number): Promise<void> {
  await db.query({
    name: 'prune-user-buckets',
    text: 'DELETE FROM user_buckets WHERE bucket_start < $1',
    values: [before],
  });
  await db.query({
    name: 'prune-global-buckets',
    text: 'DELETE FROM global_buckets WHERE bucket_start < $1',
    values: [before],
  });
}

const TOTALS_COLUMNS = 'action, events, successes, duration_sum AS "durationSum"';

// Snapshots round duration sums: running totals and a recount add the same doubles in a
// different order, and would otherwise differ in the last bits.
const SNAPSHOT_TOTALS_COLUMNS =
  'action, events, successes, ROUND(duration_sum::numeric, 6) AS "durationSum"';

export async function readUserTotals(db: Queryable, userId: string): Promise<ActionTotals[]> {
  const result = await db.query<ActionTotals>({
    name: 'read-user-totals',
    text: `SELECT ${TOTALS_COLUMNS} FROM user_totals WHERE user_id = $1`,
    values: [userId],
  });
  return result.rows;
}

export async function readGlobalTotals(db: Queryable): Promise<ActionTotals[]> {
  const result = await db.query<ActionTotals>({
    name: 'read-global-totals',
    text: `SELECT ${TOTALS_COLUMNS} FROM global_totals`,
  });
  return result.rows;
}

/** Events counted in buckets starting at or after `from`. */
export async function countUserBuckets(db: Queryable, userId: string, from: number) {
  const result = await db.query<{ n: number }>({
    name: 'count-user-buckets',
    text: `SELECT COALESCE(SUM(events), 0) AS n FROM user_buckets
           WHERE user_id = $1 AND bucket_start >= $2`,
    values: [userId, from],
  });
  return result.rows[0]?.n ?? 0;
}

export async function countGlobalBuckets(db: Queryable, from: number): Promise<number> {
  const result = await db.query<{ n: number }>({
    name: 'count-global-buckets',
    text: 'SELECT COALESCE(SUM(events), 0) AS n FROM global_buckets WHERE bucket_start >= $1',
    values: [from],
  });
  return result.rows[0]?.n ?? 0;
}

/** Events in [from, to): the part of "today" before its first bucket edge. */
export async function countUserEventsBetween(
  db: Queryable,
  userId: string,
  from: number,
  to: number,
): Promise<number> {
  const result = await db.query<{ n: number }>({
    name: 'count-user-events-between',
    text: `SELECT COUNT(*) AS n FROM usage_events
           WHERE user_id = $1 AND occurred_at >= $2 AND occurred_at < $3`,
    values: [userId, from, to],
  });
  return result.rows[0]?.n ?? 0;
}

export async function countGlobalEventsBetween(db: Queryable, from: number, to: number) {
  const result = await db.query<{ n: number }>({
    name: 'count-global-events-between',
    text: 'SELECT COUNT(*) AS n FROM usage_events WHERE occurred_at >= $1 AND occurred_at < $2',
    values: [from, to],
  });
  return result.rows[0]?.n ?? 0;
}

export async function readUserRecent(db: Queryable, userId: string, limit: number) {
  const result = await db.query<EventRow>({
    name: 'read-user-recent',
    text: `SELECT ${EVENT_COLUMNS} FROM usage_events WHERE user_id = $1
           ORDER BY occurred_at DESC, id DESC LIMIT $2`,
    values: [userId, limit],
  });
  return result.rows.map(toUsageEvent);
}

export async function readGlobalRecent(db: Queryable, limit: number): Promise<UsageEvent[]> {
  const result = await db.query<EventRow>({
    name: 'read-global-recent',
    text: `SELECT ${EVENT_COLUMNS} FROM usage_events ORDER BY occurred_at DESC, id DESC LIMIT $1`,
    values: [limit],
  });
  return result.rows.map(toUsageEvent);
}

export async function ping(db: Queryable): Promise<void> {
  await db.query({ name: 'ping', text: 'SELECT 1' });
}

/** Every running total recomputed from the events; buckets only back to `horizon`. */
export async function recountCounters(db: Queryable, horizon: number): Promise<CounterSnapshot> {
  const userTotals = await db.query<CounterSnapshot['userTotals'][number]>({
    name: 'recount-user-totals',
    text: `SELECT user_id AS "userId", action, COUNT(*) AS events,
             SUM(success::int) AS successes, ROUND(SUM(duration)::numeric, 6) AS "durationSum"
           FROM usage_events GROUP BY user_id, action
           ORDER BY user_id ${BYTE_ORDER}, action ${BYTE_ORDER}`,
  });
  const globalTotals = await db.query<ActionTotals>({
    name: 'recount-global-totals',
    text: `SELECT action, COUNT(*) AS events, SUM(success::int) AS successes,
             ROUND(SUM(duration)::numeric, 6) AS "durationSum"
           FROM usage_events GROUP BY action ORDER BY action ${BYTE_ORDER}`,
  });
  const userBuckets = await db.query<CounterSnapshot['userBuckets'][number]>({
    name: 'recount-user-buckets',
    text: `SELECT user_id AS "userId", (occurred_at / 900000) * 900000 AS "bucketStart",
             COUNT(*) AS events
           FROM usage_events WHERE occurred_at >= $1
           GROUP BY user_id, 2 ORDER BY user_id ${BYTE_ORDER}, 2`,
    values: [horizon],
  });
  const globalBuckets = await db.query<CounterSnapshot['globalBuckets'][number]>({
    name: 'recount-global-buckets',
    text: `SELECT (occurred_at / 900000) * 900000 AS "bucketStart", COUNT(*) AS events
           FROM usage_events WHERE occurred_at >= $1 GROUP BY 1 ORDER BY 1`,
    values: [horizon],
  });
  return {
    userTotals: userTotals.rows,
    globalTotals: globalTotals.rows,
    userBuckets: userBuckets.rows,
    globalBuckets: globalBuckets.rows,
  };
}

/** The running totals as stored; buckets only back to `horizon`. */
export async function readStoredCounters(db: Queryable, horizon: number) {
  const userTotals = await db.query<CounterSnapshot['userTotals'][number]>({
    name: 'read-stored-user-totals',
    text: `SELECT user_id AS "userId", ${SNAPSHOT_TOTALS_COLUMNS} FROM user_totals
           ORDER BY user_id ${BYTE_ORDER}, action ${BYTE_ORDER}`,
  });
  const globalTotals = await db.query<ActionTotals>({
    name: 'read-stored-global-totals',
    text: `SELECT ${SNAPSHOT_TOTALS_COLUMNS} FROM global_totals ORDER BY action ${BYTE_ORDER}`,
  });
  const userBuckets = await db.query<CounterSnapshot['userBuckets'][number]>({
    name: 'read-stored-user-buckets',
    text: `SELECT user_id AS "userId", bucket_start AS "bucketStart", events FROM user_buckets
           WHERE bucket_start >= $1 ORDER BY user_id ${BYTE_ORDER}, bucket_start`,
    values: [horizon],
  });
  const globalBuckets = await db.query<CounterSnapshot['globalBuckets'][number]>({
    name: 'read-stored-global-buckets',
    text: `SELECT bucket_start AS "bucketStart", events FROM global_buckets
           WHERE bucket_start >= $1 ORDER BY bucket_start`,
    values: [horizon],
  });
  const snapshot: CounterSnapshot = {
    userTotals: userTotals.rows,
    globalTotals: globalTotals.rows,
    userBuckets: userBuckets.rows,
    globalBuckets: globalBuckets.rows,
  };
  return snapshot;
}

/** What identifies a copied event well enough to tell it from another under the same id. */
export function copyFingerprint(event: {
  userId: string;
  action: string;
  occurredAt: number;
  caller: string;
}): string {
  return [event.userId, event.action, event.occurredAt, event.caller].join('\u0000');
}

/**
 * Inserts events that keep the ids they had elsewhere. Any conflict skips the row: the same id
 * (copied before), or the same caller and `event_id` (stored already).
 */
export async function insertCopiedEvents(
  db: Queryable,
  events: ReadonlyArray<NewUsageEvent & { id: number }>,
): Promise<Set<number>> {
  const result = await db.query<{ id: number }>({
    name: 'insert-copied-events',
    text: `INSERT INTO usage_events
             (id, user_id, action, duration, success, occurred_at, received_at, caller, event_id)
           SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::float8[], $5::bool[],
                                $6::int8[], $7::int8[], $8::text[], $9::text[])
           ON CONFLICT DO NOTHING
           RETURNING id`,
    values: [
      events.map((e) => e.id),
      events.map((e) => e.userId),
      events.map((e) => e.action),
      events.map((e) => e.durationSeconds),
      events.map((e) => e.success),
      events.map((e) => e.occurredAt),
      events.map((e) => e.receivedAt),
      events.map((e) => e.caller),
      events.map((e) => e.eventId),
    ],
  });
  return new Set(result.rows.map((row) => row.id));
}

/** The fingerprints of the events stored under these ids. */
export async function fingerprintsOf(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  const result = await db.query<{
    id: number;
    user_id: string;
    action: string;
    occurred_at: number;
    caller: string;
  }>({
    name: 'fingerprints-of',
    text: 'SELECT id, user_id, action, occurred_at, caller FROM usage_events WHERE id = ANY($1)',
    values: [ids],
  });
  return new Map(
    result.rows.map((row) => [
      row.id,
      copyFingerprint({
        userId: row.user_id,
        action: row.action,
        occurredAt: row.occurred_at,
        caller: row.caller,
      }),
    ]),
  );
}

/** Moves the id sequence past the highest id, so that new events never reuse a copied id. */
export async function advanceEventIdSequence(db: Queryable): Promise<void> {
  await db.query({
    name: 'advance-event-id-sequence',
    text: `SELECT setval('usage_events_id_seq', COALESCE(MAX(id), 0) + 1, false)
           FROM usage_events`,
  });
}
