import { spawn } from 'node:child_process';
import path from 'node:path';

import type { BenchLog } from '../benchSettings.js';

export interface StartupRun {
  storedEvents: number;
  secondsToHealthy: number[];
  target: number;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const PORT = 18_431;

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

/** From spawning `node dist/server/main.js` to the first 200 on `/healthz`, three times. */
export async function measureStartup(file: string, log: BenchLog): Promise<StartupRun> {
  const secondsToHealthy: number[] = [];

  for (let attempt = 0; attempt < 3; attempt += 1) {
    const started = performance.now();
    const child = spawn('node', [path.join(ROOT, 'dist/server/main.js')], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, PORT: String(PORT), LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });

    const healthUrl = `http://127.0.0.1:${PORT}/healthz`;
    while (!(await healthy(healthUrl))) await new Promise((resolve) => setTimeout(resolve, 5));
    secondsToHealthy.push((performance.now() - started) / 1000);

    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }

  log(`start-up on 10M events: ${secondsToHealthy.map((s) => s.toFixed(3)).join(', ')} s`);
  return { storedEvents: 10_000_000, secondsToHealthy, target: 1 };
}
