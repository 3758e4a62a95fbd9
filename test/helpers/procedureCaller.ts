import path from 'node:path';

import type { Principal } from '../../src/server/auth/principal.js';
import { createLogger } from '../../src/server/logging/logger.js';
import { RateLimiter } from '../../src/server/rateLimiter.js';
import { SqliteUsageStore } from '../../src/server/storage/sqlite/sqliteStore.js';
import { createAppCaller } from '../../src/server/trpc/appRouter.js';
import { createUsageContext, type ServiceDependencies } from '../../src/server/trpc/context.js';
import { makeTempDir, removeDir } from './testServer.js';

export interface ProcedureHarness {
  dependencies: ServiceDependencies;
  /** A caller acting as `principal`, or unauthenticated with `null`. */
  callerAs(principal: Principal | null): ReturnType<typeof createAppCaller>;
  close(): Promise<void>;
}

/** The procedures without HTTP, on a fresh SQLite file; `close` removes it. */
export async function createProcedureHarness(
  options: { clock?: () => number; ratePerMinute?: number } = {},
): Promise<ProcedureHarness> {
  const dir = await makeTempDir();
  const clock = options.clock ?? Date.now;
  const store = new SqliteUsageStore(path.join(dir, 'usage.db'), clock);
  const dependencies: ServiceDependencies = {
    store,
    clock,
    log: createLogger('silent'),
    rateLimiter: new RateLimiter(options.ratePerMinute ?? 0, clock),
    openMode: false,
  };

  let requests = 0;
  return {
    dependencies,
    callerAs: (principal) => {
      requests += 1;
      const authentication = principal
        ? ({ ok: true, principal } as const)
        : ({ ok: false, reason: 'no credentials' } as const);
      const requestId = `test-${requests}`;
      return createAppCaller(createUsageContext(dependencies, { authentication, requestId }));
    },
    close: async () => {
      await store.close();
      await removeDir(dir);
    },
  };
}
