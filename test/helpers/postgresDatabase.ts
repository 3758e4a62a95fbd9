import crypto from 'node:crypto';

import pg from 'pg';

/** A database on the test server that tests may create databases from. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** CI sets this: a PostgreSQL that cannot be reached is then a failure, not a skip. */
const POSTGRES_REQUIRED = process.env.REQUIRE_POSTGRES === '1';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs one statement on this database, on a short-lived connection. */
  query(sql: string): Promise<pg.QueryResult>;
  /** Drops the database, disconnecting whatever is still connected. */
  drop(): Promise<void>;
}

export type PostgresAvailability = { available: true } | { available: false; reason: string };

function urlFor(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Whether the test PostgreSQL answers. When it does not, the suite is skipped with the reason
 * printed, unless REQUIRE_POSTGRES=1, where the test file fails instead.
 */
export async function checkPostgres(suite: string): Promise<PostgresAvailability> {
  try {
    await withClient(POSTGRES_ADMIN_URL, (client) => client.query('SELECT 1'));
    return { available: true };
  } catch (error) {
    const reason =
      `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} ` +
      `(${error instanceof Error ? error.message : String(error)})`;
    if (POSTGRES_REQUIRED) {
      throw new Error(`${suite}: ${reason}, and REQUIRE_POSTGRES=1 makes that a failure`);
    }
    console.warn(
      `${suite}: SKIPPED, ${reason}. Start one or set TEST_POSTGRES_URL; ` +
        'REQUIRE_POSTGRES=1 turns this skip into a failure.',
    );
    return { available: false, reason };
  }
}

/** Creates an empty database of its own for one test file, named usage_test_<random>. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `usage_test_${crypto.randomBytes(6).toString('hex')}`;
  await withClient(POSTGRES_ADMIN_URL, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = urlFor(name);

  return {
    name,
    url,
    query: (sql) => withClient(url, (client) => client.query(sql)),
    drop: async () => {
      await withClient(POSTGRES_ADMIN_URL, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

/** Empties every usage table and restarts the ids, so each test starts from nothing. */
export async function emptyUsageTables(database: TestDatabase): Promise<void> {
  await database.query(
    `TRUNCATE usage_events, user_totals, global_totals, user_buckets, global_buckets
     RESTART IDENTITY`,
  );
}
