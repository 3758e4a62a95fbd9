import http from 'node:http';

import type { TraceArrival } from './azureTrace.js';
import { summarise, timedRequest, type LatencySummary } from './latencySampler.js';

/**
 * Sends each arrival at its own moment, `speed` times faster than it happened, without
 * waiting for earlier answers: bursts in the trace reach the server as bursts.
 */
export async function replayTrace(
  serverUrl: string,
  arrivals: TraceArrival[],
  speed: number,
  headers: Record<string, string> = {},
): Promise<LatencySummary & { sent: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const url = new URL('/track-usage', serverUrl);
  const latencies: number[] = [];
  let failures = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();

  for (const arrival of arrivals) {
    const due = started + arrival.offset / speed;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));

    const sending = timedRequest(agent, url, {
      method: 'POST',
      body: arrival.body,
      headers: { 'content-type': 'application/json', ...headers },
    }).then(
      (response) => {
        if (response.status !== 201 && response.status !== 200) failures += 1;
        latencies.push(response.milliseconds);
      },
      () => {
        failures += 1;
      },
    );
    inFlight.push(sending);
  }

  await Promise.all(inFlight);
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  return { ...summarise(latencies, failures), sent: arrivals.length, seconds };
}
