import type { ActionTotals, NewUsageEvent } from './usageStore.js';
import { bucketStartOf, isWithinBucketRetention } from './todayBuckets.js';

/** What a set of newly stored events adds to the running totals, summed per key. */
export interface CounterDeltas {
  userTotals: Array<ActionTotals & { userId: string }>;
  globalTotals: ActionTotals[];
  userBuckets: Array<{ userId: string; bucketStart: number; events: number }>;
  globalBuckets: Array<{ bucketStart: number; events: number }>;
}

function addTo(target: ActionTotals, event: NewUsageEvent): void {
  target.events += 1;
  target.successes += event.success ? 1 : 0;
  target.durationSum += event.durationSeconds;
}

function emptyTotals(action: string): ActionTotals {
  return { action, events: 0, successes: 0, durationSum: 0 };
}

/**
 * Sums the counter changes for a batch, so that a batch of a thousand events updates each
 * counter row once. Rows come out sorted by key: concurrent writers then lock rows in the
 * same order and cannot deadlock.
 */
export function computeCounterDeltas(events: readonly NewUsageEvent[], now: number): CounterDeltas {
  const userTotals = new Map<string, ActionTotals & { userId: string }>();
  const globalTotals = new Map<string, ActionTotals>();
  const userBuckets = new Map<string, { userId: string; bucketStart: number; events: number }>();
  const globalBuckets = new Map<number, { bucketStart: number; events: number }>();

  for (const event of events) {
    const userKey = `${event.userId}\u0000${event.action}`;
    let userRow = userTotals.get(userKey);
    if (!userRow) {
      userRow = { userId: event.userId, ...emptyTotals(event.action) };
      userTotals.set(userKey, userRow);
    }
    addTo(userRow, event);

    let globalRow = globalTotals.get(event.action);
    if (!globalRow) {
      globalRow = emptyTotals(event.action);
      globalTotals.set(event.action, globalRow);
    }
    addTo(globalRow, event);

    if (!isWithinBucketRetention(event.occurredAt, now)) continue;

    const bucketStart = bucketStartOf(event.occurredAt);
    const bucketKey = `${event.userId}\u0000${bucketStart}`;
    const userBucket = userBuckets.get(bucketKey) ?? {
      userId: event.userId,
      bucketStart,
      events: 0,
    };
    userBucket.events += 1;
    userBuckets.set(bucketKey, userBucket);

    const globalBucket = globalBuckets.get(bucketStart) ?? { bucketStart, events: 0 };
    globalBucket.events += 1;
    globalBuckets.set(bucketStart, globalBucket);
  }

  return {
    userTotals: sortedValues(userTotals),
    globalTotals: sortedValues(globalTotals),
    userBuckets: sortedValues(userBuckets),
    globalBuckets: sortedValues(globalBuckets),
  };
}

function sortedValues<K extends string | number, V>(map: Map<K, V>): V[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}
