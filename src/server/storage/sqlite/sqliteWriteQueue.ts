import type { NewUsageEvent } from '../usageStore.js';
import { StorageUnavailableError } from '../usageStore.js';
import type { WrittenEvent } from './sqliteWriterProtocol.js';

interface PendingWrite {
  events: readonly NewUsageEvent[];
  now: number;
  resolve: (outcomes: WrittenEvent[]) => void;
  reject: (error: unknown) => void;
}

type WriteTransaction = (events: readonly NewUsageEvent[], now: number) => WrittenEvent[];

/**
 * Gathers the writes that arrive in one turn of the event loop into a single SQLite
 * transaction. Under load, a commit then carries tens of requests instead of one, and each
 * counter row is updated once per commit; with no load, a write waits only for the current
 * turn to finish. If the shared transaction fails, each request is retried in a transaction
 * of its own, so one bad write never takes its neighbours down with it.
 */
export class SqliteWriteQueue {
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};

  constructor(private readonly write: WriteTransaction) {}

  enqueue(events: readonly NewUsageEvent[], now: number): Promise<WrittenEvent[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ events, now, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Resolves once every write queued so far has been committed or refused. */
  drain(): Promise<void> {
    return this.flushScheduled ? this.idle : Promise.resolve();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const writes = this.pending;
    this.pending = [];
    this.flushScheduled = false;

    if (writes.length === 1) this.writeAlone(writes[0]!);
    else this.writeTogether(writes);

    this.markIdle();
  }

  private writeTogether(writes: PendingWrite[]): void {
    const now = Math.max(...writes.map((pending) => pending.now));
    let outcomes: WrittenEvent[];
    try {
      outcomes = this.write(
        writes.flatMap((pending) => pending.events),
        now,
      );
    } catch {
      for (const pending of writes) this.writeAlone(pending);
      return;
    }

    let offset = 0;
    for (const pending of writes) {
      pending.resolve(outcomes.slice(offset, offset + pending.events.length));
      offset += pending.events.length;
    }
  }

  private writeAlone(pending: PendingWrite): void {
    try {
      pending.resolve(this.write(pending.events, pending.now));
    } catch (error) {
      pending.reject(
        new StorageUnavailableError('the SQLite database refused the write', { cause: error }),
      );
    }
  }
}
