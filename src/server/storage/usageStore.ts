import type { UsageEvent } from '../../shared/usageEventSchema.js';

/** A validated, authorised usage event, ready to be stored. Times are epoch milliseconds. */
export interface NewUsageEvent {
  userId: string;
  action: string;
  durationSeconds: number;
  success: boolean;
  occurredAt: number;
  receivedAt: number;
  /** Who sent it: the principal that an `eventId` is unique for. */
  caller: string;
  eventId: string | null;
}

export interface RecordOutcome {
  /** True when the caller had already sent this `eventId`: nothing new was stored. */
  duplicate: boolean;
  event: UsageEvent;
}

/** Running totals for one action within a scope. */
export interface ActionTotals {
  action: string;
  events: number;
  successes: number;
  durationSum: number;
}

export interface MetricsScope {
  /** One user's metrics, or everyone's when null. */
  userId: string | null;
  /** The instant "today" starts at in the asked time zone, epoch milliseconds. */
  todayStart: number;
  activityLimit: number;
}

/** The raw figures the metrics are computed from; see `composeUsageMetrics`. */
export interface MetricsFigures {
  actionTotals: ActionTotals[];
  todayCount: number;
  recentActivity: UsageEvent[];
}

/**
 * Where usage events live. One interface, one implementation per database, and one
 * conformance suite that runs against each so that they cannot drift.
 */
export interface UsageStore {
  readonly kind: 'sqlite' | 'postgres';

  /**
   * Stores the events atomically: all of them or, on error, none. Each event whose caller
   * already sent its `eventId` is answered with the stored original instead.
   */
  recordEvents(events: readonly NewUsageEvent[]): Promise<RecordOutcome[]>;

  readMetrics(scope: MetricsScope): Promise<MetricsFigures>;

  /** Resolves while the database answers; rejects with `StorageUnavailableError` otherwise. */
  checkHealth(): Promise<void>;

  /** Recomputes every running total from the stored events, for checking the counters. */
  recountFromEvents(): Promise<CounterSnapshot>;

  /** The running totals as stored, in the same shape as `recountFromEvents`. */
  readCounters(): Promise<CounterSnapshot>;

  close(): Promise<void>;
}

/**
 * Every counter, sorted, so that two snapshots compare with a deep equality. Duration sums
 * are rounded to 6 decimals (the order of additions differs), and buckets start at the first
 * whole bucket inside retention.
 */
export interface CounterSnapshot {
  userTotals: Array<ActionTotals & { userId: string }>;
  globalTotals: ActionTotals[];
  userBuckets: Array<{ userId: string; bucketStart: number; events: number }>;
  globalBuckets: Array<{ bucketStart: number; events: number }>;
}

/** Thrown when the database cannot be reached; callers answer 503 and may retry. */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}
