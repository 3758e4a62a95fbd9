// The SQLite checkpoint thread: copies committed pages from the WAL file back into the
// database file. Left to the writer, that copy and its fsync would stall every write behind
// it; here it runs beside the writer, which a passive checkpoint never blocks.
import { parentPort, workerData } from 'node:worker_threads';

import { openSqliteDatabase } from './sqliteDatabase.js';

export interface CheckpointOptions {
  filePath: string;
  everyMs: number;
}

const port = parentPort!;
const { filePath, everyMs } = workerData as CheckpointOptions;
const db = openSqliteDatabase(filePath);

function checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
  try {
    db.pragma(`wal_checkpoint(${mode})`);
  } catch {
    // A checkpoint that cannot run now is simply tried again on the next round; the writer
    // also checkpoints by itself once the WAL grows large, so nothing depends on this one.
  }
}

const timer = setInterval(() => checkpoint('PASSIVE'), everyMs);

port.on('message', (command: { kind: 'close' }) => {
  if (command.kind !== 'close') return;
  clearInterval(timer);
  checkpoint('TRUNCATE');
  db.close();
  port.postMessage({ kind: 'closed' });
});
