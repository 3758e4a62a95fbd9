import { expect, test } from 'vitest';

import {
  agentLabel,
  formatCount,
  formatPercent,
  formatRelativeTime,
  formatSeconds,
} from '../../src/client/format';

// The test runner's locale is en-US; the page uses the browser's.
test('numbers read the way people write them', () => {
  expect(formatCount(1234567)).toBe('1,234,567');
  expect(formatPercent(95)).toBe('95.0%');
  expect(formatPercent(66.666)).toBe('66.7%');
  expect(formatSeconds(2.5)).toBe('2.50s');
  expect(formatSeconds(0)).toBe('0.00s');
});

test('relative times move up a unit when rounding reaches it', () => {
  const now = Date.parse('2026-03-09T12:00:00Z');
  expect(formatRelativeTime(now, now)).toBe('now');
  expect(formatRelativeTime(now - 42_000, now)).toBe('42 seconds ago');
  expect(formatRelativeTime(now - 59.6 * 60_000, now)).toBe('1 hour ago');
  expect(formatRelativeTime(now - 26 * 3_600_000, now)).toBe('yesterday');
});

test('agent slugs become words, whatever agent is new', () => {
  expect(agentLabel('lead_generation')).toBe('Lead generation');
  expect(agentLabel('email-drafting')).toBe('Email drafting');
  expect(agentLabel('x')).toBe('X');
});
