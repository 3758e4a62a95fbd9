import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * Starts one of the store's threads, a module beside this one. Built, it is plain JavaScript.
 * Run from the TypeScript sources (tests, `npm run dev`), it is loaded through tsx, a
 * development dependency, registered inside the thread itself because a worker cannot be
 * given a loader on its command line.
 *
 * Paths, not `new URL('./…', import.meta.url)`: Vite rewrites that pattern into an http asset
 * URL when this module runs inside a jsdom test, and a thread cannot load that.
 */
export function startSqliteThread(moduleName: string, workerData: unknown): Worker {
  const thread = pathToFileURL(path.join(HERE, `${moduleName}.${FROM_SOURCE ? 'ts' : 'js'}`));
  if (!FROM_SOURCE) return new Worker(thread, { workerData });

  // The ESM build of tsx's API: its CommonJS build cannot register hooks from a thread.
  const tsxEsm = createRequire(import.meta.url).resolve('tsx/esm');
  const tsxApi = pathToFileURL(path.join(path.dirname(tsxEsm), 'api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then(({ register }) => { register(); return import(${JSON.stringify(thread.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
