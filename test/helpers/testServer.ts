import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logging/logger.js';
import type { UsageStore } from '../../src/server/storage/usageStore.js';
import { startUsageServer } from '../../src/server/usageServer.js';

/** A service API key the tests configure; long enough to pass the config's rule. */
export const TEST_API_KEY = 'test-service-key-0123456789abcdef';

export interface TestServer {
  /** The base URL, e.g. "http://127.0.0.1:53211". */
  url: string;
  store: UsageStore;
  /** Where the SQLite file lives; removed by `close`. */
  databasePath: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /**
   * Environment variables on top of the defaults (port 0 on 127.0.0.1, a fresh SQLite file,
   * silent logs, open local mode). Set `USAGE_API_KEYS`, `CLERK_JWT_KEY`, `ALLOWED_ORIGINS`,
   * `RATE_LIMIT_PER_MINUTE`, `NODE_ENV` and the like here.
   */
  env?: Record<string, string>;
  /** The server's clock, epoch milliseconds; the real one when omitted. */
  clock?: () => number;
}

/** Makes a temporary directory for one test's database, to be removed by the caller. */
export function makeTempDir(prefix = 'agent-usage-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): Promise<void> {
  return fs.rm(dir, { recursive: true, force: true });
}

/** Starts the real server in this process, on a free port, with its own database. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = await makeTempDir();
  const databasePath = path.join(dir, 'usage.db');

  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${databasePath}`,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...options.env,
  });

  let server;
  try {
    server = await startUsageServer({
      config,
      log: createLogger('silent'),
      shutdownGraceMs: 1000,
      ...(options.clock ? { clock: options.clock } : {}),
    });
  } catch (error) {
    await removeDir(dir);
    throw error;
  }

  return {
    url: server.url,
    store: server.store,
    databasePath,
    close: async () => {
      await server.close();
      await removeDir(dir);
    },
  };
}

/** Headers for a JSON request, with a bearer credential when one is given. */
export function jsonHeaders(credential?: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    ...(credential ? { Authorization: `Bearer ${credential}` } : {}),
  };
}

/** POSTs a usage event (or a batch) to `/track-usage`. */
export function postUsage(url: string, body: unknown, credential?: string): Promise<Response> {
  return fetch(`${url}/track-usage`, {
    method: 'POST',
    headers: jsonHeaders(credential),
    body: JSON.stringify(body),
  });
}

/** GETs `/usage-metrics` with the given query parameters. */
export function getMetrics(
  url: string,
  query: Record<string, string> = {},
  credential?: string,
): Promise<Response> {
  const search = new URLSearchParams(query).toString();
  return fetch(`${url}/usage-metrics${search ? `?${search}` : ''}`, {
    headers: credential ? { Authorization: `Bearer ${credential}` } : {},
  });
}
