import type { AddressInfo } from 'node:net';
import http from 'node:http';
import type { Duplex } from 'node:stream';

import type { Config } from './config.js';
import { createApp } from './http/app.js';
import type { Logger } from './logging/logger.js';
import { RateLimiter } from './rateLimiter.js';
import { openStore } from './storage/openStore.js';
import type { UsageStore } from './storage/usageStore.js';

export interface UsageServer {
  url: string;
  port: number;
  store: UsageStore;
  /** Stops accepting, lets in-flight requests finish, then closes storage. */
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  log: Logger;
  clock?: () => number;
  clientDir?: string;
  /** How long in-flight requests may take to finish on shutdown. */
  shutdownGraceMs?: number;
}

/** Requests Node cannot even parse still get a JSON answer, like every other error. */
function answerMalformedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    error: {
      status,
      code: tooLarge ? 'REQUEST_HEADER_FIELDS_TOO_LARGE' : 'BAD_REQUEST',
      message: tooLarge ? 'the request headers are too large' : 'the request is not valid HTTP',
    },
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Opens storage and serves everything on one port; `PORT=0` picks a free one. */
export async function startUsageServer(options: StartOptions): Promise<UsageServer> {
  const { config, log } = options;
  const clock = options.clock ?? Date.now;
  const store = await openStore(config.databaseUrl, clock, log);
  const dependencies = {
    store,
    clock,
    log,
    rateLimiter: new RateLimiter(config.RATE_LIMIT_PER_MINUTE, clock),
    openMode: config.openMode,
  };

  const app = createApp({
    config,
    dependencies,
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
  });
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  // A client that trickles its request ties up a socket; 30 s is ample for a 1 MiB body.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  server.on('clientError', answerMalformedRequest);

  let address: AddressInfo;
  try {
    address = await listen(server, config.PORT, config.HOST);
  } catch (error) {
    await store.close();
    throw error;
  }

  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    store,
    close: () => shutDown(server, store, options.shutdownGraceMs ?? 10_000),
  };
}

async function shutDown(server: http.Server, store: UsageStore, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();

  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  deadline.unref();
  await closed;
  clearTimeout(deadline);

  await store.close();
}
