import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logging/logger.js';
import { startUsageServer } from './usageServer.js';

// Two levels below the root both as src/server/main.ts and as the built dist/server/main.js.
const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/client');

function describeAuth(config: ReturnType<typeof loadConfig>): string {
  if (config.openMode) return 'open local mode';
  const modes = [];
  if (config.CLERK_SECRET_KEY || config.CLERK_JWT_KEY) modes.push('Clerk sessions');
  if (config.USAGE_API_KEYS.length > 0) modes.push(`${config.USAGE_API_KEYS.length} API key(s)`);
  return modes.join(' and ');
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }

  const log = createLogger(config.LOG_LEVEL);
  const server = await startUsageServer({ config, log, clientDir: CLIENT_DIR });
  log.info(
    { url: server.url, storage: server.store.kind, auth: describeAuth(config) },
    'listening',
  );
  if (config.openMode) {
    log.warn(
      'OPEN LOCAL MODE: no CLERK_SECRET_KEY, CLERK_JWT_KEY or USAGE_API_KEYS is set, so anyone ' +
        "on this machine may record and read every user's usage. Configure one before deploying.",
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`the usage service could not start: ${String(error)}\n`);
  process.exit(1);
});
