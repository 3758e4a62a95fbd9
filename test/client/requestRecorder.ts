import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it reached the usage server, and how the server answered it. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  status: number;
}

export interface RequestRecorder {
  /** Point the dashboard here instead of at the usage server. */
  url: string;
  requests: RecordedRequest[];
  /** Only the dashboard's metrics reads: one per refresh, however they are batched. */
  metricsReads(): RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A pass-through in front of the real usage server, on 127.0.0.1, that writes down every
 * request. It lets a test count refreshes and read each request's headers on the server's
 * side of the wire, while the server itself still verifies and answers everything.
 */
export async function startRequestRecorder(targetUrl: string): Promise<RequestRecorder> {
  const target = new URL(targetUrl);
  const requests: RecordedRequest[] = [];

  const proxy = http.createServer((req, res) => {
    const forwarded = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          authorization: req.headers.authorization,
          status: answer.statusCode ?? 0,
        });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });

  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    metricsReads: () => requests.filter((request) => request.path.includes('usageMetrics')),
    close: () =>
      new Promise((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
