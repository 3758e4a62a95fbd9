import autocannon from 'autocannon';

export interface ThroughputRun {
  requestsPerSecond: number;
  p99Milliseconds: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections?: number;
  seconds: number;
}

/** Keep-alive POSTs of one body from `connections` connections, as fast as they answer. */
export async function measureThroughput(options: LoadOptions): Promise<ThroughputRun> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections ?? 32,
    duration: options.seconds,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
  });

  return {
    requestsPerSecond: result.requests.average,
    p99Milliseconds: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
