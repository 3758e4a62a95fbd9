import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/** A real server process, started the way an operator starts one. */
export interface ServerProcess {
  url: string;
  /** Ends the process and its children at once, as a crash would. */
  kill(): Promise<void>;
  /** What it wrote to stderr, for a failing test's message. */
  stderr(): string;
}

const START_TIMEOUT_MS = 30_000;

/**
 * Spawns `npx tsx src/server/main.ts` on a free port and waits for its "listening" log line.
 * It runs in a process group of its own, so that killing it also ends the node process that
 * npx and tsx start beneath it.
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn('npx', ['tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void killGroup(child);
      reject(new Error(`the server did not log "listening" within 30 s; stderr:\n${stderr}`));
    }, START_TIMEOUT_MS);

    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening; stderr:\n${stderr}`));
    });

    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const url = listeningUrlOf(line);
      if (!url) return;
      clearTimeout(timer);
      resolve({ url, kill: () => killGroup(child), stderr: () => stderr });
    });
  });
}

function listeningUrlOf(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    return entry.msg === 'listening' ? entry.url : undefined;
  } catch {
    return undefined;
  }
}

function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGKILL');
  return exited;
}
