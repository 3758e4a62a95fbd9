// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';

import { browserTimeZone } from '../../src/client/browserTimeZone';
import { agentLabel, formatCount, formatPercent, formatSeconds } from '../../src/client/format';
import type { UsageMetrics } from '../../src/shared/usageMetricsSchema';
import { getMetrics, startTestServer, type TestServer } from '../helpers/testServer';
import { findSummary, renderDashboard, statValue } from './renderDashboard';
import { manyEvents, recordUsage } from './usageEvents';

let server: TestServer;
let expected: UsageMetrics;

beforeAll(async () => {
  server = await startTestServer();
  await recordUsage(server.url, manyEvents(1200));
  await recordUsage(server.url, [
    { user_id: 'user_new', action: 'contract_review', duration: 4.2, success: false },
  ]);

  const response = await getMetrics(server.url, { tz: browserTimeZone() });
  expected = (await response.json()) as UsageMetrics;
});

afterEach(cleanup);
afterAll(() => server.close());

test('the summary shows the numbers the API answers, formatted for people', async () => {
  renderDashboard(server.url);
  const summary = await findSummary();

  const stats = expected.performance_stats;
  expect(statValue(summary, 'Total actions')).toBe('1,201');
  expect(statValue(summary, 'Total actions')).toBe(formatCount(expected.total_searches));
  expect(statValue(summary, 'Today')).toBe(formatCount(expected.today_usage));
  expect(statValue(summary, 'Average response time')).toBe(
    formatSeconds(stats.average_response_time),
  );
  expect(statValue(summary, 'Success rate')).toBe(formatPercent(stats.success_rate));
  expect(statValue(summary, 'Success rate')).toMatch(/^\d+\.\d%$/);
  expect(statValue(summary, 'Errors')).toBe(formatCount(stats.total_errors));
});

test('every agent the server reports gets a bar, not only the two known ones', async () => {
  renderDashboard(server.url);
  const chart = await screen.findByRole('region', { name: 'Usage per agent' });

  const items = within(chart).getAllByRole('listitem');
  expect(items).toHaveLength(Object.keys(expected.agent_usage).length);
  expect(items.length).toBeGreaterThanOrEqual(4);
  for (const [action, count] of Object.entries(expected.agent_usage)) {
    const item = items.find((li) => li.textContent?.startsWith(agentLabel(action)));
    expect(item?.textContent).toContain(`${formatCount(count)} actions`);
  }
});

test('the activity feed lists the newest actions with who, how long, outcome and when', async () => {
  renderDashboard(server.url);
  const feed = await screen.findByRole('region', { name: 'Recent activity' });

  const items = within(feed).getAllByRole('listitem');
  expect(items).toHaveLength(expected.recent_activity.length);

  const [newest] = expected.recent_activity;
  const first = items[0];
  if (!newest || !first) throw new Error('the feed is empty');
  expect(first).toHaveProperty('textContent', expect.stringContaining('Contract review'));
  expect(within(first).getByText('user_new')).toBeDefined();
  expect(within(first).getByText(formatSeconds(newest.duration))).toBeDefined();
  expect(within(first).getByText('Failed')).toBeDefined();

  const time = first.querySelector('time');
  expect(time?.getAttribute('dateTime')).toBe(newest.timestamp);
  expect(time?.getAttribute('title')).toMatch(/\d{4}/);
});
