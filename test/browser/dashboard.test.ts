import fs from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { postUsage } from '../helpers/testServer';
import { buildProduct, startBuiltServer, type BuiltServer } from './builtServer';
import { traceUsageEvents } from './traceEvents';

// The README's screenshot is rewritten only when asked (UPDATE_SCREENSHOT=1), so that a
// plain test run leaves the working tree as it found it.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT
  ? path.resolve(import.meta.dirname, '../../docs/dashboard.png')
  : path.resolve(import.meta.dirname, '../../test-results/dashboard-1440.png');
// Only the wide screenshot is the README's; the others are for a person reviewing a change.
const REVIEW_DIR = path.resolve(import.meta.dirname, '../../test-results');

let server: BuiltServer;
let browser: Browser;

beforeAll(async () => {
  buildProduct();
  server = await startBuiltServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page that fails the test on any console error or uncaught exception. */
async function openPage(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

function totalActions(page: Page): Locator {
  return page.getByRole('region', { name: 'Summary' }).locator('dt:text-is("Total actions") + dd');
}

async function waitForTotal(page: Page, total: number): Promise<void> {
  const text = total.toLocaleString('en-US');
  await totalActions(page)
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor();
}

async function record(body: unknown): Promise<void> {
  const response = await postUsage(server.url, body);
  expect(response.ok).toBe(true);
}

test('a new user is shown how to send the first usage event, and Clerk is never loaded', async () => {
  const { page, errors } = await openPage(1440, 900);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(server.url);

  await page.getByRole('heading', { name: 'No usage yet' }).waitFor();
  const command = await page.getByText(/^curl -X POST/).textContent();
  expect(command).toContain(`curl -X POST ${server.url}/track-usage`);
  await expect(page.getByRole('complementary', { name: 'Open local mode' }).count()).resolves.toBe(
    1,
  );
  expect(requested.filter((url) => /clerk/i.test(url))).toEqual([]);
  expect(errors).toEqual([]);

  fs.mkdirSync(REVIEW_DIR, { recursive: true });
  await page.screenshot({ path: path.join(REVIEW_DIR, 'dashboard-empty.png') });
  await page.context().close();
});

test('shows recorded usage, then a new action 30 s later without a reload', async () => {
  const events = traceUsageEvents(Date.now());
  await record(events);

  const { page, errors } = await openPage(1440, 900);
  await page.clock.install();
  await page.goto(server.url);
  await waitForTotal(page, events.length);

  await record({ user_id: 'user_chen', action: 'lead_generation', duration: 1.84, success: true });
  await page.clock.fastForward(30_000);
  await waitForTotal(page, events.length + 1);

  const feed = page.getByRole('region', { name: 'Recent activity' });
  await expect(feed.getByRole('listitem').first().textContent()).resolves.toContain('user_chen');
  expect(errors).toEqual([]);

  await page.mouse.move(0, 0);
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  await page.context().close();
});

test('at 375 px wide the page needs no horizontal scrolling', async () => {
  const { page, errors } = await openPage(375, 812);
  await page.goto(server.url);
  await totalActions(page).waitFor();

  const widths = await page.evaluate(() => ({
    scroll: document.scrollingElement?.scrollWidth ?? 0,
    inner: window.innerWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  expect(errors).toEqual([]);

  fs.mkdirSync(REVIEW_DIR, { recursive: true });
  await page.screenshot({ path: path.join(REVIEW_DIR, 'dashboard-375.png'), fullPage: true });
  await page.context().close();
});
