import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Locator, type Page } from 'playwright-core';
import { test as base, expect, inject } from 'vitest';

const FAILURE_SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../test-results');

/**
 * - `baseURL`: where the server under test answers.
 * - `browser`: the shared Chromium, connected once per test file.
 * - `expectedConsoleErrors`: console errors a test provokes on purpose (a request it made fail);
 *   any other console error or uncaught exception fails the test.
 * - `page`: a page in a fresh browser context (no cookies, no cache) at `baseURL`.
 */
export const test = base
  .extend('baseURL', { scope: 'worker' }, () => inject('baseURL'))
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
    const browser = await chromium.connect(inject('browserWSEndpoint'));
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('expectedConsoleErrors', (): RegExp[] => [])
  .extend('page', async ({ browser, baseURL, task, expectedConsoleErrors }, { onCleanup }) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`Uncaught in the page: ${error.message}`));
    // Also catches what an error boundary swallows, and a script or style the server's CSP blocks.
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (!expectedConsoleErrors.some((pattern) => pattern.test(text))) problems.push(`Console error: ${text}`);
    });
    onCleanup(async () => {
      // Fixtures are cleaned up after the test has its result and before onTestFailed runs, so
      // this is the last moment the page is still open to show what went wrong.
      if (task.result?.state === 'fail') {
        fs.mkdirSync(FAILURE_SCREENSHOT_DIR, { recursive: true });
        const name = task.fullName.replace(/[^\w-]+/g, '-').slice(0, 100);
        await page.screenshot({ path: path.join(FAILURE_SCREENSHOT_DIR, `${name}.png`), fullPage: true }).catch(() => {});
      }
      await context.close();
      expect(problems, 'the page reported problems').toEqual([]);
    });
    return page;
  });

export { expect };

/** Waits until the locator is visible; Playwright's own waiting, with vitest's assertions. */
export async function visible(locator: Locator, timeout = 10_000) {
  await locator.waitFor({ state: 'visible', timeout });
  return locator;
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never does. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40) {
  for (let presses = 0; presses < maxPresses; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()} within ${maxPresses} presses.`);
}

/** Same grouping as the app (`formatCount`), so expectations read like the page. */
export const formatCount = (value: number) => new Intl.NumberFormat('en-GB').format(value);
