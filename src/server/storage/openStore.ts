import type { DatabaseLocation } from '../config.js';
import { SqliteUsageStore } from './sqlite/sqliteStore.js';
import type { UsageStore } from './usageStore.js';

/** Opens the store `DATABASE_URL` names, migrated and ready. */
export async function openStore(
  location: DatabaseLocation,
  clock: () => number = Date.now,
): Promise<UsageStore> {
  switch (location.kind) {
    case 'sqlite':
      return new SqliteUsageStore(location.path, clock);
    case 'postgres': {
      const { PostgresUsageStore } = await import('./postgres/postgresStore.js');
      return PostgresUsageStore.open(location.url, clock);
    }
  }
}
