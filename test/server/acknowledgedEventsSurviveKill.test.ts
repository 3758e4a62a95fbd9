import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

import { afterEach, beforeEach, expect, test } from 'vitest';

import { makeTempDir, postUsage, removeDir, TEST_API_KEY } from '../helpers/testServer.js';

const MAIN = path.resolve(import.meta.dirname, '../../src/server/main.ts');
const EVENTS = 200;

const children: ChildProcess[] = [];
const dirs: string[] = [];

// A test that times out keeps running after its cleanup; it must not start a server then,
// or that server outlives the run.
let tornDown = false;

beforeEach(() => {
  tornDown = false;
});

afterEach(async () => {
  tornDown = true;
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await Promise.all(dirs.splice(0).map(removeDir));
});

/**
 * Starts `src/server/main.ts` as its own process (through tsx, so a stale build cannot stand
 * in for the source) and reads its URL from the "listening" log line.
 */
function startServerProcess(databasePath: string): Promise<{ child: ChildProcess; url: string }> {
  if (tornDown) return Promise.reject(new Error('the test was already cleaned up'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${databasePath}`,
      USAGE_API_KEYS: TEST_API_KEY,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      CLERK_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);

  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'listening' && entry.url) resolve({ child, url: entry.url });
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function eventNumber(index: number) {
  return {
    user_id: `user_${index % 7}`,
    action: index % 2 ? 'lead_generation' : 'financial_analysis',
    duration: index / 10,
    success: index % 5 !== 0,
    event_id: `durable-${index}`,
  };
}

test(
  'every event answered 2xx is there after SIGKILL the moment the last answer arrives',
  {
    timeout: 60_000,
  },
  async () => {
    const dir = await makeTempDir();
    dirs.push(dir);
    const databasePath = path.join(dir, 'usage.db');
    const first = await startServerProcess(databasePath);

    let acknowledged = 0;
    const statuses = await Promise.all(
      Array.from({ length: EVENTS }, async (_, index) => {
        const response = await postUsage(first.url, eventNumber(index), TEST_API_KEY);
        if (response.ok && ++acknowledged === EVENTS) first.child.kill('SIGKILL');
        return response.status;
      }),
    );
    await exited(first.child);

    const second = await startServerProcess(databasePath);
    const retries = await Promise.all(
      Array.from({ length: EVENTS }, (_, index) =>
        postUsage(second.url, eventNumber(index), TEST_API_KEY).then(async (response) => ({
          status: response.status,
          duplicate: ((await response.json()) as { duplicate?: boolean }).duplicate,
        })),
      ),
    );
    const metrics = await fetch(`${second.url}/usage-metrics`, {
      headers: { Authorization: `Bearer ${TEST_API_KEY}` },
    });

    expect(first.child.signalCode).toBe('SIGKILL');
    expect(statuses.every((status) => status === 201)).toBe(true);
    expect(retries.filter((retry) => retry.status === 200 && retry.duplicate)).toHaveLength(EVENTS);
    expect(await metrics.json()).toMatchObject({ total_searches: EVENTS });
  },
);
