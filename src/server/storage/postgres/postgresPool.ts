import pg from 'pg';

import type { Logger } from '../../logging/logger.js';

/** How long a request waits for a connection before it is answered 503. */
const CONNECT_TIMEOUT_MS = 3_000;

/** The server cancels a statement after this long; a lock wait counts too. */
const STATEMENT_TIMEOUT_MS = 10_000;

/**
 * The client gives up on an answer after this long. It catches what `statement_timeout` cannot:
 * a server that went silent without closing the connection.
 */
const QUERY_TIMEOUT_MS = 15_000;

/** A connection left inside a transaction (a crashed request) is closed by the server. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

const POOL_SIZE = 10;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * pg answers BIGINT and NUMERIC as strings, because they may exceed a double. Every such value
 * here is a count, an id or an epoch-millisecond time, all far below 2^53, so they are parsed
 * to numbers for this pool only; other users of pg in the process keep the default.
 */
const parseNumber = (value: string): number => Number(value);

const numericTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format: 'text' | 'binary' = 'text'): unknown => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return parseNumber;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** The URL as it may appear in a log line or an error: never with its password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** A pool that never waits forever, and whose idle-connection errors cannot end the process. */
export function createPostgresPool(url: string, log?: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'agent-usage',
    types: numericTypes,
  });

  // An idle connection that breaks (the server restarted, the network dropped) is removed
  // from the pool, which then emits 'error'; unhandled, that event would end the process.
  pool.on('error', (error) => {
    log?.warn({ err: error }, 'an idle PostgreSQL connection broke; it will be replaced');
  });
  return pool;
}

/**
 * Takes a connection from the pool for a run of statements. While it is checked out, the pool
 * no longer listens for its errors; a connection that breaks between two statements would then
 * raise an unhandled 'error' and end the process. The failure shows up anyway, in the next
 * statement, so the listener only has to keep it from being thrown.
 */
export async function checkOut(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  const ignoreUntilNextStatement = () => undefined;
  client.on('error', ignoreUntilNextStatement);

  const release = client.release.bind(client);
  client.release = (destroy?: boolean | Error) => {
    client.off('error', ignoreUntilNextStatement);
    release(destroy);
  };
  return client;
}
