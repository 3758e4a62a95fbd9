import autocannon from 'autocannon';

import { MAX_BATCH_SIZE } from '../../src/shared/usageEventSchema.js';
import { type BenchLog, type BenchSettings } from '../benchSettings.js';
import { scratchDatabase, startUsageProcess, stopServer } from '../benchServers.js';
import { REALISTIC_SHAPE, seededRandom, userName } from '../syntheticUsage.js';

export interface BatchIngestRun {
  door: string;
  eventsPerSecond: number;
  eventsStored: number;
  target: number;
  failures: number;
}

const random = seededRandom(7);
let batchNumber = 0;

/** A batch of distinct events, each with its own event_id, so every one is checked for a retry. */
function nextBatch(): string {
  batchNumber += 1;
  const events = [];
  for (let index = 0; index < MAX_BATCH_SIZE; index += 1) {
    events.push({
      user_id: userName(Math.floor(random() * REALISTIC_SHAPE.users)),
      action: REALISTIC_SHAPE.agents[index % REALISTIC_SHAPE.agents.length],
      duration: Math.round(random() * 5000) / 1000,
      success: random() > 0.04,
      event_id: `batch-${batchNumber}-${index}`,
    });
  }
  return JSON.stringify(events);
}

const DOORS = [
  { door: 'REST POST /track-usage (array)', path: '/track-usage' },
  { door: 'tRPC trackUsageBatch', path: '/trpc/trackUsageBatch' },
];

async function storedEvents(url: string): Promise<number> {
  const response = await fetch(`${url}/usage-metrics`);
  const metrics = (await response.json()) as { total_searches: number };
  return metrics.total_searches;
}

/**
 * Batches of 1,000 distinct events from 4 connections. The rate counted is events the
 * server then reports as stored, not requests sent.
 */
export async function measureBatchIngest(
  settings: BenchSettings,
  log: BenchLog,
): Promise<BatchIngestRun[]> {
  const runs: BatchIngestRun[] = [];

  for (const { door, path } of DOORS) {
    const usage = await startUsageProcess({ DATABASE_URL: scratchDatabase('batch') });
    const started = performance.now();
    const result = await autocannon({
      url: `${usage.url}${path}`,
      method: 'POST',
      connections: 4,
      duration: settings.batchSeconds,
      headers: { 'content-type': 'application/json' },
      setupClient(client) {
        client.setBody(nextBatch());
        client.on('response', () => client.setBody(nextBatch()));
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const eventsStored = await storedEvents(usage.url);
    await stopServer(usage);

    runs.push({
      door,
      eventsPerSecond: eventsStored / Math.min(seconds, settings.batchSeconds),
      eventsStored,
      target: 100_000,
      failures: result.non2xx + result.errors + result.timeouts,
    });
    log(`batch ${door}: ${eventsStored} events stored in ${settings.batchSeconds} s`);
  }
  return runs;
}
