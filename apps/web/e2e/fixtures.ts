import fs from 'node:fs';
import path from 'node:path';
import { ROLE_DETAILS } from '@identdesk/domain';
import { chromium, type Locator, type Page } from 'playwright-core';
import { test as base, expect, inject } from 'vitest';

const FAILURE_SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../test-results');
const SCREENSHOT_DIR = path.join(FAILURE_SCREENSHOT_DIR, 'screenshots');

export type DemoRole = 'agent' | 'compliance' | 'team_lead' | 'admin';

/**
 * The sandbox's demo accounts, which the e2e server creates at start (DEMO_USERS=true, see
 * server-process.ts); their password is public.
 */
export const DEMO_PASSWORD = 'identdesk-demo';
export const DEMO_ACCOUNTS: Record<DemoRole, { email: string; name: string; roleLabel: string }> = {
  agent: { email: 'agent@identdesk.local', name: 'Alex Agent', roleLabel: ROLE_DETAILS.agent.label },
  compliance: { email: 'compliance@identdesk.local', name: 'Casey Compliance', roleLabel: ROLE_DETAILS.compliance.label },
  team_lead: { email: 'lead@identdesk.local', name: 'Lee Lead', roleLabel: ROLE_DETAILS.team_lead.label },
  admin: { email: 'admin@identdesk.local', name: 'Ada Admin', roleLabel: ROLE_DETAILS.admin.label },
};

/**
 * Signs in over HTTP (auth.login, as a script would) and gives the page's browser context the
 * session cookie: fast, for tests about what comes after sign-in. The sign-in form itself is
 * tested through {@link signInThroughForm}.
 */
async function signInByApi(baseURL: string, page: Page, role: DemoRole) {
  const response = await fetch(`${baseURL}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1' },
    body: JSON.stringify({ email: DEMO_ACCOUNTS[role].email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`auth.login as ${role} answered HTTP ${response.status}: ${await response.text()}`);
  const [pair = ''] = (response.headers.getSetCookie()[0] ?? '').split(';');
  const separator = pair.indexOf('=');
  await page.context().addCookies([
    { name: pair.slice(0, separator), value: pair.slice(separator + 1), url: baseURL, httpOnly: true, sameSite: 'Strict' },
  ]);
}

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
  })
  /** `await signIn('compliance')`: the page (or another page's context) is signed in as that demo user. */
  .extend('signIn', async ({ page, baseURL }) => (role: DemoRole, target: Page = page) => signInByApi(baseURL, target, role));

export { expect, inject };

/**
 * Signs the page in on a server of the test file's own (the `signIn` fixture signs in on the
 * shared server): auth.login over HTTP, and the session cookie into the page's browser context.
 */
export async function signInOn(page: Page, baseURL: string, role: DemoRole): Promise<void> {
  await signInByApi(baseURL, page, role);
}

/** A session cookie (`name=value`) of the demo user, for calls over HTTP as that user. */
export async function sessionCookie(baseURL: string, role: DemoRole): Promise<string> {
  const response = await fetch(`${baseURL}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1' },
    body: JSON.stringify({ email: DEMO_ACCOUNTS[role].email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`auth.login as ${role} answered HTTP ${response.status}: ${await response.text()}`);
  return (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
}

/** A tRPC procedure called over HTTP as the holder of `cookie` (POST, plain JSON: decision 0002); its data or the error. */
export async function callProcedure<T>(baseURL: string, cookie: string, procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${baseURL}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1', cookie },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!response.ok || !body.result) throw new Error(`${procedure} answered HTTP ${response.status}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** Fills in the sign-in form and submits it, as a person would. */
export async function signInThroughForm(page: Page, email: string, password: string) {
  await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The labels of the main navigation's links, in order. */
export async function navigationLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await visible(nav.getByRole('link').first());
  return (await nav.getByRole('link').allTextContents()).map((text) => text.trim());
}

/** Saves a screenshot to apps/web/test-results/screenshots/<name>.png, to look at. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

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
