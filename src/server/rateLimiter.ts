/** The answer for one request: allowed, or refused with how long to wait. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const IDLE_BUCKET_TTL_MS = 10 * 60 * 1000;

/**
 * A token bucket per principal: `perMinute` requests a minute on average, with bursts of up
 * to that many. A batch counts as one request. The limit is held in this process's memory,
 * so several processes behind a load balancer each allow the full rate.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweepAt = 0;

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {}

  take(principalKey: string): RateDecision {
    if (this.perMinute === 0) return { allowed: true };

    const now = this.clock();
    this.sweep(now);
    const bucket = this.buckets.get(principalKey) ?? { tokens: this.perMinute, updatedAt: now };
    // The wall clock may step back (an NTP correction); time running backwards refills
    // nothing, rather than draining every bucket for as long as the step.
    const elapsed = Math.max(0, now - bucket.updatedAt);
    const refill = (elapsed / 60_000) * this.perMinute;
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + refill);
    bucket.updatedAt = now;
    this.buckets.set(principalKey, bucket);

    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const secondsForOne = ((1 - bucket.tokens) / this.perMinute) * 60;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(secondsForOne)) };
  }

  private sweep(now: number): void {
    if (now - this.lastSweepAt < IDLE_BUCKET_TTL_MS) return;
    this.lastSweepAt = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt > IDLE_BUCKET_TTL_MS) this.buckets.delete(key);
    }
  }
}
