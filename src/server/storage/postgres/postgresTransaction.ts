import type pg from 'pg';

import { isRetryableConflict, isUnavailableError } from './postgresErrors.js';
import { checkOut } from './postgresPool.js';

/** Deadlocks are broken by PostgreSQL aborting one side; that side runs again. */
const MAX_ATTEMPTS = 3;

export type TransactionMode = 'read write' | 'read only snapshot';

const BEGIN: Record<TransactionMode, string> = {
  'read write': 'BEGIN',
  // One snapshot for every statement, so that totals, "today" and the feed agree.
  'read only snapshot': 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
};

/**
 * Runs `work` inside one transaction on one pooled connection: committed whole or rolled back
 * whole. A connection that broke on the way is destroyed rather than handed back to the pool.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  mode: TransactionMode,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await attemptOnce(pool, mode, work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
    }
  }
}

async function attemptOnce<T>(
  pool: pg.Pool,
  mode: TransactionMode,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await checkOut(pool);
  try {
    await client.query(BEGIN[mode]);
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    client.release(await rollBack(client, error));
    throw error;
  }
}

/** Rolls back; answers the error to release the connection with, when it must not be reused. */
async function rollBack(client: pg.PoolClient, cause: unknown): Promise<Error | undefined> {
  if (isUnavailableError(cause)) return cause as Error;
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error('ROLLBACK failed');
  }
}
