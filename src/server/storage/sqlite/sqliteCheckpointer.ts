import type { Worker } from 'node:worker_threads';

import type { CheckpointOptions } from './sqliteCheckpointThread.js';
import { startSqliteThread } from './sqliteThreads.js';

const CHECKPOINT_EVERY_MS = 250;

/** Runs the checkpoint thread for one database file, and stops it with a last checkpoint. */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopped: Promise<void> | null = null;

  constructor(filePath: string) {
    const options: CheckpointOptions = { filePath, everyMs: CHECKPOINT_EVERY_MS };
    this.worker = startSqliteThread('sqliteCheckpointThread', options);
    // The writer checkpoints by itself if this thread ever dies, so its end is not an error.
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  close(): Promise<void> {
    this.stopped ??= new Promise((resolve) => {
      if (this.worker.threadId === -1) return resolve();
      this.worker.once('exit', () => resolve());
      this.worker.once('message', () => void this.worker.terminate());
      this.worker.postMessage({ kind: 'close' });
    });
    return this.stopped;
  }
}
