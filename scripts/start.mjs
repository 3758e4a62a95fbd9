// Builds whatever is older than its sources, then runs the built server in this process, so
// that `npm start` works on a fresh clone and signals reach the server directly.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestModification(entries) {
  let newest = 0;
  for (const entry of entries) {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) continue;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      const children = fs.readdirSync(full).map((child) => path.join(entry, child));
      newest = Math.max(newest, newestModification(children));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

function builtAt(file) {
  const full = path.join(root, file);
  return fs.existsSync(full) ? fs.statSync(full).mtimeMs : 0;
}

function buildIfStale(output, sources, script) {
  const shared = ['src/shared', 'package.json', 'package-lock.json'];
  if (builtAt(output) >= newestModification([...sources, ...shared])) return;
  process.stderr.write(`building (${script})...\n`);
  execFileSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  fs.utimesSync(path.join(root, output), new Date(), new Date());
}

buildIfStale(
  'dist/client/index.html',
  ['src/client', 'index.html', 'vite.config.ts'],
  'build:client',
);
buildIfStale(
  'dist/server/main.js',
  ['src/server', 'tsconfig.json', 'tsconfig.server.json'],
  'build:server',
);

await import(pathToFileURL(path.join(root, 'dist/server/main.js')).href);
