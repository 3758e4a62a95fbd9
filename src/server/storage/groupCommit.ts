import { StorageUnavailableError, type NewUsageEvent, type RecordOutcome } from './usageStore.js';

interface PendingWrite {
  events: readonly NewUsageEvent[];
  resolve: (outcomes: RecordOutcome[]) => void;
  reject: (error: unknown) => void;
}

type Commit = (events: readonly NewUsageEvent[]) => Promise<RecordOutcome[]>;

/**
 * Group commit for a database reached over the network: one write transaction at a time per
 * process, and the requests that arrive while it runs travel together in the next one. Under
 * load a transaction then carries many requests, and the shared counter rows are locked once
 * per transaction instead of once per request, which is what limits concurrent writers.
 *
 * If a shared transaction fails for any reason but an outage, each request is retried alone,
 * so one bad request never fails its neighbours; in an outage they all fail as they would have.
 */
export class GroupCommit {
  private pending: PendingWrite[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly commit: Commit,
    private readonly maxEventsPerCommit = 5000,
  ) {}

  enqueue(events: readonly NewUsageEvent[]): Promise<RecordOutcome[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
      this.running ??= this.commitAll();
    });
  }

  /** Resolves once every write queued so far has been committed or refused. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async commitAll(): Promise<void> {
    while (this.pending.length > 0) await this.commitGroup(this.takeGroup());
    this.running = null;
  }

  private takeGroup(): PendingWrite[] {
    let events = 0;
    let count = 0;
    while (count < this.pending.length) {
      events += this.pending[count]!.events.length;
      if (count > 0 && events > this.maxEventsPerCommit) break;
      count += 1;
    }
    return this.pending.splice(0, count);
  }

  private async commitGroup(group: PendingWrite[]): Promise<void> {
    if (group.length === 1) return this.commitAlone(group[0]!);

    let outcomes: RecordOutcome[];
    try {
      outcomes = await this.commit(group.flatMap((pending) => pending.events));
    } catch (error) {
      if (error instanceof StorageUnavailableError) {
        for (const pending of group) pending.reject(error);
        return;
      }
      for (const pending of group) await this.commitAlone(pending);
      return;
    }

    let offset = 0;
    for (const pending of group) {
      pending.resolve(outcomes.slice(offset, offset + pending.events.length));
      offset += pending.events.length;
    }
  }

  private async commitAlone(pending: PendingWrite): Promise<void> {
    try {
      pending.resolve(await this.commit(pending.events));
    } catch (error) {
      pending.reject(error);
    }
  }
}
