import { expect, test } from 'vitest';

import { RateLimiter } from '../../src/server/rateLimiter.js';

test('regression: the wall clock stepping back an hour does not lock a principal out', () => {
  let now = Date.parse('2026-03-10T02:00:00Z');
  const limiter = new RateLimiter(60, () => now);
  limiter.take('key:a');

  now -= 60 * 60_000;

  expect(limiter.take('key:a')).toEqual({ allowed: true });
});

test('a burst of the full allowance passes, the next is told how long to wait', () => {
  const now = Date.parse('2026-03-10T02:00:00Z');
  const limiter = new RateLimiter(2, () => now);

  const decisions = [limiter.take('key:a'), limiter.take('key:a'), limiter.take('key:a')];

  expect(decisions).toEqual([
    { allowed: true },
    { allowed: true },
    { allowed: false, retryAfterSeconds: 30 },
  ]);
});

test('a limit of 0 turns the limiter off', () => {
  const limiter = new RateLimiter(0);

  for (let i = 0; i < 100; i += 1) expect(limiter.take('key:a').allowed).toBe(true);
});
