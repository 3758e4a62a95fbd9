/**
 * "Today" is counted from 15-minute buckets rather than by scanning the day's events. Every
 * time zone in use today has an offset that is a whole multiple of 15 minutes, so any local
 * midnight falls on a bucket edge.
 */
export const BUCKET_MS = 15 * 60 * 1000;

/**
 * Buckets are kept only as far back as a "today" can reach: a local day starts at most 25
 * hours before now (a day that gains a daylight-saving hour), so two days leave a margin.
 */
export const BUCKET_RETENTION_MS = 48 * 60 * 60 * 1000;

export function bucketStartOf(instant: number): number {
  return Math.floor(instant / BUCKET_MS) * BUCKET_MS;
}

/** The first bucket edge at or after `instant`. */
export function nextBucketEdge(instant: number): number {
  return Math.ceil(instant / BUCKET_MS) * BUCKET_MS;
}

/** Whether an event at `occurredAt` still needs a bucket, seen at `now`. */
export function isWithinBucketRetention(occurredAt: number, now: number): boolean {
  return occurredAt >= now - BUCKET_RETENTION_MS;
}
