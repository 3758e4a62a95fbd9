import Database from 'better-sqlite3';
import type pg from 'pg';

import { computeCounterDeltas } from '../counterDeltas.js';
import type { NewUsageEvent } from '../usageStore.js';
import { applyPostgresMigrations } from './postgresMigrations.js';
import { createPostgresPool } from './postgresPool.js';
import * as q from './postgresQueries.js';
import { inTransaction } from './postgresTransaction.js';

const BATCH_SIZE = 1000;

interface SqliteEventRow {
  id: number;
  user_id: string;
  action: string;
  duration: number;
  success: number;
  occurred_at: number;
  received_at: number;
  caller: string;
  event_id: string | null;
}

type CopiedEvent = NewUsageEvent & { id: number };

export interface CopyProgress {
  read: number;
  inserted: number;
  alreadyPresent: number;
  lastId: number;
}

function toCopiedEvent(row: SqliteEventRow): CopiedEvent {
  return {
    id: row.id,
    userId: row.user_id,
    action: row.action,
    durationSeconds: row.duration,
    success: row.success === 1,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    caller: row.caller,
    eventId: row.event_id,
  };
}

function openSource(sqlitePath: string) {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  const page = db.prepare<[number, number], SqliteEventRow>(
    `SELECT id, user_id, action, duration, success, occurred_at, received_at, caller, event_id
     FROM usage_events WHERE id > ? ORDER BY id LIMIT ?`,
  );
  return { db, readAfter: (id: number) => page.all(id, BATCH_SIZE).map(toCopiedEvent) };
}

/**
 * A skipped row is fine when it was copied before (same id, same event) or when its caller's
 * event_id is already stored. Anything else means the target holds other events under these
 * ids, and copying on would lose events silently.
 */
async function refuseForeignRows(client: pg.PoolClient, skipped: CopiedEvent[]): Promise<void> {
  const present = await q.fingerprintsOf(
    client,
    skipped.map((event) => event.id),
  );
  const notCopiedBefore = skipped.filter(
    (event) => present.get(event.id) !== q.copyFingerprint(event),
  );
  const withEventIds = notCopiedBefore.flatMap((event) =>
    event.eventId === null ? [] : [{ caller: event.caller, eventId: event.eventId }],
  );
  const stored = withEventIds.length > 0 ? await q.findByEventIds(client, withEventIds) : new Map();
  const foreign = notCopiedBefore.filter(
    (event) => event.eventId === null || !stored.has(q.eventIdKey(event.caller, event.eventId)),
  );
  if (foreign.length === 0) return;

  throw new Error(
    `the PostgreSQL database already holds different events under ids such as ` +
      `${foreign[0]!.id}; copy into a database that only this copy has written to`,
  );
}

async function copyBatch(client: pg.PoolClient, events: CopiedEvent[], now: number) {
  const insertedIds = await q.insertCopiedEvents(client, events);
  const inserted = events.filter((event) => insertedIds.has(event.id));
  const skipped = events.filter((event) => !insertedIds.has(event.id));
  if (skipped.length > 0) await refuseForeignRows(client, skipped);

  const deltas = computeCounterDeltas(inserted, now);
  await q.addUserTotals(client, deltas.userTotals);
  await q.addGlobalTotals(client, deltas.globalTotals);
  await q.addUserBuckets(client, deltas.userBuckets);
  await q.addGlobalBuckets(client, deltas.globalBuckets);
  return { inserted: inserted.length, alreadyPresent: skipped.length };
}

/**
 * Copies every usage event from an SQLite file into PostgreSQL, a batch per transaction, keeping
 * the source ids. Running it again inserts nothing twice: rows already there are skipped and
 * only rows actually inserted add to the running totals. Run it before PostgreSQL servers take
 * traffic: ids they hand out meanwhile could collide with the copied ones.
 */
export async function copySqliteEvents(
  sqlitePath: string,
  postgresUrl: string,
  onBatch: (progress: CopyProgress) => void = () => {},
): Promise<CopyProgress> {
  const source = openSource(sqlitePath);
  const pool = createPostgresPool(postgresUrl);
  const progress: CopyProgress = { read: 0, inserted: 0, alreadyPresent: 0, lastId: 0 };
  try {
    await applyPostgresMigrations(pool);
    for (
      let batch = source.readAfter(0);
      batch.length > 0;
      batch = source.readAfter(progress.lastId)
    ) {
      const counts = await inTransaction(pool, 'read write', (client) =>
        copyBatch(client, batch, Date.now()),
      );
      progress.read += batch.length;
      progress.inserted += counts.inserted;
      progress.alreadyPresent += counts.alreadyPresent;
      progress.lastId = batch[batch.length - 1]!.id;
      onBatch({ ...progress });
    }
    await q.advanceEventIdSequence(pool);
    return progress;
  } finally {
    source.db.close();
    await pool.end();
  }
}
