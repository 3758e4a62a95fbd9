import http from 'node:http';

export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
  count: number;
  failures: number;
}

/** Percentiles of a set of milliseconds, by the nearest-rank method. */
export function summarise(latencies: number[], failures: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rank = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
  return {
    p50: rank(0.5),
    p99: rank(0.99),
    max: sorted.at(-1) ?? 0,
    count: sorted.length,
    failures,
  };
}

export interface TimedResponse {
  status: number;
  milliseconds: number;
}

/** One request on a keep-alive agent, timed from the first byte sent to the last received. */
export function timedRequest(
  agent: http.Agent,
  url: URL,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.request(
      url,
      { agent, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        response.resume();
        response.on('end', () => {
          const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
          resolve({ status: response.statusCode ?? 0, milliseconds });
        });
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/**
 * Latency of one GET, asked `count` times one after another on a single connection, after
 * a warm-up, so that each figure is the server's own time and not queueing behind others.
 */
export async function sampleLatency(url: URL, count: number, headers: Record<string, string> = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let failures = 0;

  for (let warmUp = 0; warmUp < Math.min(200, count); warmUp += 1)
    await timedRequest(agent, url, { headers });
  for (let index = 0; index < count; index += 1) {
    const response = await timedRequest(agent, url, { headers });
    if (response.status !== 200) failures += 1;
    latencies.push(response.milliseconds);
  }

  agent.destroy();
  return summarise(latencies, failures);
}
