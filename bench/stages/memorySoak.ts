import fs from 'node:fs';

import autocannon from 'autocannon';

import { SINGLE_EVENT_BODY, type BenchLog, type BenchSettings } from '../benchSettings.js';
import { scratchDatabase, startUsageProcess, stopServer } from '../benchServers.js';

export interface MemorySoakRun {
  storedEvents: number;
  seconds: number;
  requests: number;
  failures: number;
  residentMegabytes: {
    first: number;
    peak: number;
    lastMinuteMean: number;
    firstMinuteMean: number;
  };
  target: number;
}

const SAMPLE_EVERY_MS = 5000;

function meanOf(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

/**
 * Ten minutes of mixed load on a copy of the ten-million-event file: writes and dashboard
 * reads at a steady 1,000 requests a second, with the server's resident memory sampled
 * every five seconds.
 */
export async function measureMemorySoak(
  file: string,
  settings: BenchSettings,
  log: BenchLog,
): Promise<MemorySoakRun> {
  const copy = scratchDatabase('soak');
  fs.copyFileSync(file, copy);
  const usage = await startUsageProcess({ DATABASE_URL: `file:${copy}` });

  const samples: number[] = [usage.residentMegabytes()];
  const sampler = setInterval(() => samples.push(usage.residentMegabytes()), SAMPLE_EVERY_MS);
  const result = await autocannon({
    url: usage.url,
    connections: 16,
    overallRate: 1000,
    duration: settings.soakSeconds,
    requests: [
      {
        method: 'POST',
        path: '/track-usage',
        headers: { 'content-type': 'application/json' },
        body: SINGLE_EVENT_BODY,
      },
      { method: 'GET', path: '/usage-metrics?user_id=user_123&tz=Europe/Paris' },
      {
        method: 'POST',
        path: '/track-usage',
        headers: { 'content-type': 'application/json' },
        body: SINGLE_EVENT_BODY,
      },
      { method: 'GET', path: '/usage-metrics' },
    ],
  });
  clearInterval(sampler);
  await stopServer(usage);

  const perMinute = 60_000 / SAMPLE_EVERY_MS;
  const run: MemorySoakRun = {
    storedEvents: 10_000_000,
    seconds: settings.soakSeconds,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    residentMegabytes: {
      first: samples[0] ?? 0,
      peak: Math.max(...samples),
      firstMinuteMean: meanOf(samples.slice(1, 1 + perMinute)),
      lastMinuteMean: meanOf(samples.slice(-perMinute)),
    },
    target: 250,
  };
  log(`memory: peak ${run.residentMegabytes.peak.toFixed(0)} MB over ${settings.soakSeconds} s`);
  return run;
}
