import fs from 'node:fs';
import path from 'node:path';

import { SqliteUsageStore } from '../src/server/storage/sqlite/sqliteStore.js';
import type { NewUsageEvent } from '../src/server/storage/usageStore.js';
import { syntheticEvents } from './syntheticUsage.js';

const WRITE_BATCH = 5000;

const REUSE_FOR_MS = 12 * 60 * 60 * 1000;

function reusable(marker: string, count: number, now: number): boolean {
  if (!fs.existsSync(marker)) return false;
  const built = JSON.parse(fs.readFileSync(marker, 'utf8')) as { count: number; now: number };
  return built.count === count && now - built.now < REUSE_FOR_MS;
}

/**
 * Builds an SQLite file holding `count` synthetic events through the store's own write path,
 * so the running totals are exactly what live traffic would have left. A file built in the
 * last 12 hours is reused (building ten million events takes minutes); an older one would
 * have no events "today" left, and is built again.
 */
export async function buildDataset(filePath: string, count: number, now: number): Promise<number> {
  const marker = `${filePath}.complete`;
  if (reusable(marker, count, now)) return 0;

  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '.complete']) {
    fs.rmSync(`${filePath}${suffix}`, { force: true });
  }
  const store = new SqliteUsageStore(filePath, () => now);
  const started = performance.now();

  let batch: NewUsageEvent[] = [];
  for (const event of syntheticEvents(count, now)) {
    batch.push(event);
    if (batch.length < WRITE_BATCH) continue;
    await store.recordEvents(batch);
    batch = [];
  }
  if (batch.length > 0) await store.recordEvents(batch);

  await store.close();
  fs.writeFileSync(marker, JSON.stringify({ count, now }));
  return (performance.now() - started) / 1000;
}
