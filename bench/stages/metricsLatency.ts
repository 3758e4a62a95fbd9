import { sampleLatency, type LatencySummary } from '../latencySampler.js';
import { type BenchLog, type BenchSettings } from '../benchSettings.js';
import { startUsageProcess, stopServer } from '../benchServers.js';
import { userName } from '../syntheticUsage.js';

export interface MetricsLatencyRun {
  storedEvents: number;
  scope: string;
  latency: LatencySummary;
}

/** The busiest user of the synthetic data (the skew puts most traffic on the low indexes). */
const SCOPES = [
  { scope: 'one user', query: `user_id=${userName(0)}&tz=America/New_York` },
  { scope: 'everyone', query: 'tz=Asia/Kathmandu' },
];

/**
 * `GET /usage-metrics` one request at a time on a warm keep-alive connection, at each data
 * set size, for the busiest user and for everyone.
 */
export async function measureMetricsLatency(
  datasets: Map<number, string>,
  settings: BenchSettings,
  log: BenchLog,
): Promise<MetricsLatencyRun[]> {
  const runs: MetricsLatencyRun[] = [];

  for (const [storedEvents, file] of datasets) {
    const usage = await startUsageProcess({ DATABASE_URL: `file:${file}` });
    for (const { scope, query } of SCOPES) {
      const url = new URL(`/usage-metrics?${query}`, usage.url);
      const latency = await sampleLatency(url, settings.latencySamples);
      runs.push({ storedEvents, scope, latency });
      log(`metrics ${scope} at ${storedEvents}: p99 ${latency.p99.toFixed(2)} ms`);
    }
    await stopServer(usage);
  }
  return runs;
}
