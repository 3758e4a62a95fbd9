import type pg from 'pg';

import { checkOut } from './postgresPool.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Any fixed number works, as long as nothing else in the database uses it: every process
 * takes this lock before looking at `schema_migrations`, so two processes starting together
 * apply each migration once.
 */
const MIGRATION_LOCK_KEY = 4_215_736_102;

/**
 * Applied in order, each once, each in its own transaction. Never edit one that shipped.
 * The schema mirrors the SQLite one, so that both stores read the same way.
 */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'usage events and running totals',
    sql: `
      CREATE TABLE usage_events (
        id BIGSERIAL PRIMARY KEY,
        user_id TEXT NOT NULL,
        action TEXT NOT NULL,
        duration DOUBLE PRECISION NOT NULL,
        success BOOLEAN NOT NULL,
        occurred_at BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        caller TEXT NOT NULL,
        event_id TEXT
      );
      CREATE UNIQUE INDEX usage_events_caller_event_id
        ON usage_events (caller, event_id) WHERE event_id IS NOT NULL;
      CREATE INDEX usage_events_user_recent ON usage_events (user_id, occurred_at, id);
      CREATE INDEX usage_events_recent ON usage_events (occurred_at, id);

      CREATE TABLE user_totals (
        user_id TEXT NOT NULL,
        action TEXT NOT NULL,
        events BIGINT NOT NULL,
        successes BIGINT NOT NULL,
        duration_sum DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (user_id, action)
      );

      CREATE TABLE global_totals (
        action TEXT PRIMARY KEY,
        events BIGINT NOT NULL,
        successes BIGINT NOT NULL,
        duration_sum DOUBLE PRECISION NOT NULL
      );

      CREATE TABLE user_buckets (
        user_id TEXT NOT NULL,
        bucket_start BIGINT NOT NULL,
        events BIGINT NOT NULL,
        PRIMARY KEY (user_id, bucket_start)
      );

      CREATE TABLE global_buckets (
        bucket_start BIGINT PRIMARY KEY,
        events BIGINT NOT NULL
      );
    `,
  },
];

async function appliedVersions(client: pg.PoolClient): Promise<Set<number>> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const result = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(result.rows.map((row) => row.version));
}

async function applyOne(client: pg.PoolClient, migration: Migration): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      migration.version,
      migration.name,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Brings the schema up to date under a session advisory lock. The lock is released at the
 * end, or by the server if this process dies holding it.
 */
export async function applyPostgresMigrations(pool: pg.Pool): Promise<void> {
  const client = await checkOut(pool);
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await appliedVersions(client);
    for (const migration of MIGRATIONS) {
      if (!applied.has(migration.version)) await applyOne(client, migration);
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  } catch (error) {
    // Closing the connection also drops the advisory lock, whatever state it was left in.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}
