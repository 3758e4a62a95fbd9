// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';

import { startTestServer, type TestServer } from '../helpers/testServer';
import { eventually, pause } from './eventually';
import { restorePageVisibility, setPageVisibility } from './pageVisibility';
import { findSummary, renderDashboard, statValue } from './renderDashboard';
import { startRequestRecorder, type RequestRecorder } from './requestRecorder';
import { recordUsage } from './usageEvents';

let server: TestServer;
let recorder: RequestRecorder;

const oneAction = { user_id: 'user_123', action: 'lead_generation', duration: 1, success: true };

beforeEach(async () => {
  server = await startTestServer();
  recorder = await startRequestRecorder(server.url);
  await recordUsage(server.url, [oneAction]);

  // Only the interval and the clock are faked: sockets, the server and React's scheduling
  // keep real time, so every request really travels to the server.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
});

afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  restorePageVisibility();
  await recorder.close();
  await server.close();
});

async function expectReads(count: number): Promise<void> {
  await eventually(() => expect(recorder.metricsReads()).toHaveLength(count));
  // Give any extra request time to arrive, so that "exactly" means exactly.
  await pause(150);
  expect(recorder.metricsReads()).toHaveLength(count);
}

test('refreshes exactly once every 30 seconds and shows the new numbers', async () => {
  renderDashboard(recorder.url);
  const summary = await findSummary();
  await expectReads(1);

  await recordUsage(server.url, [oneAction]);
  vi.advanceTimersByTime(29_999);
  await expectReads(1);

  vi.advanceTimersByTime(1);
  await expectReads(2);
  await eventually(() => expect(statValue(summary, 'Total actions')).toBe('2'));

  vi.advanceTimersByTime(30_000);
  await expectReads(3);
});

test('does not poll while the tab is hidden, and refreshes once when it comes back', async () => {
  renderDashboard(recorder.url);
  const summary = await findSummary();
  await expectReads(1);

  setPageVisibility('hidden');
  await recordUsage(server.url, [oneAction]);
  vi.advanceTimersByTime(90_000);
  await expectReads(1);
  expect(statValue(summary, 'Total actions')).toBe('1');

  setPageVisibility('visible');
  await expectReads(2);
  await eventually(() => expect(statValue(summary, 'Total actions')).toBe('2'));

  vi.advanceTimersByTime(30_000);
  await expectReads(3);
});
