import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../..');

// The variables that would switch the build or the server out of open local mode, and the
// test runner's NODE_ENV=test, which would give Vite a development build of React.
const INHERITED_VARIABLES = [
  'NODE_ENV',
  'VITE_CLERK_PUBLISHABLE_KEY',
  'CLERK_SECRET_KEY',
  'CLERK_PUBLISHABLE_KEY',
  'CLERK_JWT_KEY',
  'USAGE_API_KEYS',
];

function openModeEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of INHERITED_VARIABLES) delete env[name];
  return env;
}

/** Builds the dashboard and the server exactly as `npm start` would use them. */
export function buildProduct(): void {
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: ROOT,
    env: openModeEnv({}),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export interface BuiltServer {
  url: string;
  close(): Promise<void>;
}

function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'listening' && entry.url) resolve(entry.url);
      } catch {
        // Not a log line; the server writes nothing else to stdout.
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`the server exited with ${code} before listening`)),
    );
  });
}

/** Runs `node dist/server/main.js` on a free port with its own SQLite file. */
export async function startBuiltServer(): Promise<BuiltServer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'agent-usage-browser-'));
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: ROOT,
    env: openModeEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(dir, 'usage.db')}`,
      LOG_LEVEL: 'info',
    }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  const url = await waitForListening(child);
  return {
    url,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
