import type { TraceArrival } from '../azureTrace.js';
import type { BenchLog, BenchSettings } from '../benchSettings.js';
import {
  scratchDatabase,
  startBareExpress,
  startUsageProcess,
  stopServer,
} from '../benchServers.js';
import type { LatencySummary } from '../latencySampler.js';
import { replayTrace } from '../traceReplay.js';

export interface TraceReplayRun {
  speed: number;
  traceSeconds: number;
  sent: number;
  failures: number;
  latency: LatencySummary;
  targetP99Milliseconds: number | null;
  /** The same replay against bare Express, which stores nothing: the HTTP stack's own share. */
  bareLatency: LatencySummary;
}

/** A fresh process compiles its hot paths on the first requests; those are not the trace's. */
async function warmUp(url: string): Promise<void> {
  for (let index = 0; index < 200; index += 1) {
    await fetch(`${url}/track-usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'warm_up', action: 'warm_up', duration: 0, success: true }),
    });
  }
}

/**
 * The trace's hour at 100x (36 seconds), and its opening minutes at real speed: a real-time
 * replay of the whole hour would take an hour.
 */
export async function measureTraceReplays(
  arrivals: TraceArrival[],
  settings: BenchSettings,
  log: BenchLog,
): Promise<TraceReplayRun[]> {
  const realTime = arrivals.filter(
    (arrival) => arrival.offset < settings.realTimeReplaySeconds * 1000,
  );
  const plans = [
    { speed: 1, arrivals: realTime, targetP99Milliseconds: null },
    { speed: 100, arrivals, targetP99Milliseconds: 20 },
  ];

  const runs: TraceReplayRun[] = [];
  for (const plan of plans) {
    const usage = await startUsageProcess({ DATABASE_URL: scratchDatabase('trace') });
    await warmUp(usage.url);
    const result = await replayTrace(usage.url, plan.arrivals, plan.speed);
    await stopServer(usage);

    const bare = await startBareExpress();
    await warmUp(bare.url);
    const { p50, p99, max, count, failures } = await replayTrace(
      bare.url,
      plan.arrivals,
      plan.speed,
    );
    const bareLatency = { p50, p99, max, count, failures };
    await stopServer(bare);

    const { sent, seconds, ...latency } = result;
    runs.push({
      speed: plan.speed,
      traceSeconds: (plan.arrivals.at(-1)?.offset ?? 0) / 1000,
      sent,
      failures: latency.failures,
      latency,
      targetP99Milliseconds: plan.targetP99Milliseconds,
      bareLatency,
    });
    log(
      `trace at ${plan.speed}x: ${sent} events in ${seconds.toFixed(1)} s, p99 ${latency.p99.toFixed(2)} ms`,
    );
  }
  return runs;
}
