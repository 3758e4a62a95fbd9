import type { DatabaseLocation } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { SqliteUsageStore } from './sqlite/sqliteStore.js';
import type { UsageStore } from './usageStore.js';

/**
 * Opens the store `DATABASE_URL` names, migrated and ready. PostgreSQL is loaded only when
 * asked for, so an SQLite deployment never pays for it. `log` hears about connections that
 * break while idle.
 */
export async function openStore(
  location: DatabaseLocation,
  clock: () => number = Date.now,
  log?: Logger,
): Promise<UsageStore> {
  switch (location.kind) {
    case 'sqlite':
      return new SqliteUsageStore(location.path, clock);
    case 'postgres': {
      const { PostgresUsageStore } = await import('./postgres/postgresStore.js');
      return PostgresUsageStore.open(location.url, clock, log);
    }
  }
}
