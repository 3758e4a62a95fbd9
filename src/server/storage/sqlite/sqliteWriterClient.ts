import type { Worker } from 'node:worker_threads';

import { StorageUnavailableError, type NewUsageEvent, type RecordOutcome } from '../usageStore.js';
import type {
  WriteRequest,
  WriteResult,
  WriterCommand,
  WriterOptions,
  WriterReply,
  WrittenEvent,
} from './sqliteWriterProtocol.js';
import { storedEvent } from './sqliteRows.js';
import { startSqliteThread } from './sqliteThreads.js';

interface Waiting {
  events: readonly NewUsageEvent[];
  resolve: (outcomes: RecordOutcome[]) => void;
  reject: (error: Error) => void;
}

function outcomesOf(events: readonly NewUsageEvent[], written: WrittenEvent[]): RecordOutcome[] {
  return written.map((item, index) =>
    typeof item === 'number'
      ? { duplicate: false, event: storedEvent(events[index]!, item) }
      : { duplicate: true, event: item },
  );
}

/**
 * The store's side of the writer thread. Writes asked for in one turn of the event loop
 * travel in one message; each resolves when its transaction has committed. If the thread
 * dies, the writes it held fail as a storage outage and the next write starts a new thread.
 */
export class SqliteWriterClient {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private outbox: WriteRequest[] = [];
  private nextId = 1;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: WriterOptions) {}

  write(events: readonly NewUsageEvent[], now: number): Promise<RecordOutcome[]> {
    if (this.closing) return Promise.reject(new StorageUnavailableError('the store is closing'));

    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { events, resolve, reject });
      this.outbox.push({ id, events: [...events], now });
      if (this.outbox.length === 1) setImmediate(() => this.send());
    });
  }

  /** Lets every write in flight finish, then stops the thread. */
  close(): Promise<void> {
    this.closing ??= this.stopThread();
    return this.closing;
  }

  private send(): void {
    const requests = this.outbox;
    this.outbox = [];
    if (requests.length > 0)
      this.thread().postMessage({ kind: 'write', requests } satisfies WriterCommand);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;

    const worker = startSqliteThread('sqliteWriterThread', this.options);
    worker.on('message', (reply: WriterReply) => {
      if (reply.kind === 'written') this.settle(reply.results);
    });
    worker.on('error', (error) => this.abandon(worker, error));
    worker.on('exit', (code) =>
      this.abandon(worker, new Error(`the writer thread exited (${code})`)),
    );
    this.worker = worker;
    return worker;
  }

  private settle(results: WriteResult[]): void {
    for (const result of results) {
      const waiting = this.waiting.get(result.id);
      this.waiting.delete(result.id);
      if (!waiting) continue;
      if (result.written) waiting.resolve(outcomesOf(waiting.events, result.written));
      else waiting.reject(new StorageUnavailableError(result.error ?? 'the write failed'));
    }
  }

  private abandon(worker: Worker, cause: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const error = new StorageUnavailableError('the SQLite writer stopped', { cause });
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }

  private async stopThread(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.send();
    await this.allSettled();

    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.on('message', (reply: WriterReply) => {
        if (reply.kind === 'closed') void worker.terminate();
      });
      worker.postMessage({ kind: 'close' } satisfies WriterCommand);
    });
  }

  private async allSettled(): Promise<void> {
    while (this.waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
