import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

export interface ChildServer {
  url: string;
  pid: number;
  process: ChildProcess;
  /** Resident memory in megabytes, read from /proc. */
  residentMegabytes(): number;
  stop(): Promise<void>;
}

/**
 * Starts a server as its own process and waits for its "listening" log line, so that the
 * load generator in this process never shares an event loop with what it measures.
 */
export function startChildServer(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<ChildServer> {
  const child = spawn(command, args, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const failed = (code: number | null) => reject(new Error(`${command} exited with ${code}`));
    child.once('exit', failed);

    lines.on('line', (line) => {
      let entry: { msg?: string; url?: string };
      try {
        entry = JSON.parse(line) as { msg?: string; url?: string };
      } catch {
        return;
      }
      if (entry.msg !== 'listening' || !entry.url) return;
      child.off('exit', failed);
      resolve(handleFor(child, entry.url));
    });
  });
}

function handleFor(child: ChildProcess, url: string): ChildServer {
  return {
    url,
    pid: child.pid!,
    process: child,
    residentMegabytes() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kilobytes / 1024;
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
