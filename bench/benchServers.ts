import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startChildServer, type ChildServer } from './childServer.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every server a benchmark starts, so that a failed run still stops them all. */
const running = new Set<ChildServer>();
const scratchDirs = new Set<string>();

export function scratchDatabase(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `usage-bench-${label}-`));
  scratchDirs.add(dir);
  return path.join(dir, 'usage.db');
}

async function track(server: Promise<ChildServer>): Promise<ChildServer> {
  const started = await server;
  running.add(started);
  return started;
}

/** The built usage server, as `npm start` runs it, with no rate limit to measure past. */
export function startUsageProcess(env: Record<string, string>): Promise<ChildServer> {
  return track(
    startChildServer('node', [path.join(ROOT, 'dist/server/main.js')], {
      PORT: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    }),
  );
}

export function startBareExpress(): Promise<ChildServer> {
  return track(
    startChildServer(
      'node',
      ['--import', 'tsx', path.join(ROOT, 'bench/bareExpressServer.ts')],
      {},
    ),
  );
}

export async function stopServer(server: ChildServer): Promise<void> {
  await server.stop();
  running.delete(server);
}

export async function stopEverything(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
  running.clear();
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
  scratchDirs.clear();
}
