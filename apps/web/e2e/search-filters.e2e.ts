import { addDays, berlinCalendarDate } from '@identdesk/domain';
import type { Page, Route } from 'playwright-core';
import { describe } from 'vitest';
import { createCustomer, randomWord, sandboxNow, setSandboxClock, type CreatedCustomer } from './customers.ts';
import { expect, screenshot, signInOn, tabTo, test, visible } from './fixtures.ts';
import { startServer, type RunningServer } from './server-process.ts';

/**
 * The search page's "customer since" range and "proof of address outstanding" filter, and what
 * the page says while it searches and when the search fails, in Chromium, on a server of this
 * file's own: its sandbox clock is moved back to sign customers up on earlier days, which must
 * not disturb other files' customers.
 */

const DAY = 24 * 60 * 60 * 1000;

interface Customers {
  /** The family name part every customer of this file shares, and no other file's customer. */
  family: string;
  /** Signed up 20 days ago (German: the ID card prints the address). */
  early: CreatedCustomer;
  /** Signed up 5 days ago, Austrian: no ID document of Austria prints the address, so a proof is outstanding. */
  middle: CreatedCustomer;
  /** Signed up today, German. */
  recent: CreatedCustomer;
  /** Signed up today, Austrian: a proof is outstanding. */
  recentAustrian: CreatedCustomer;
  /** "Today" on the sandbox's clock, as a Berlin calendar day: the days the filters count in. */
  today: string;
}

const searchTest = test
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
  .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<RunningServer> => {
    // A busy machine (two cores, several servers) can take minutes to migrate a fresh database.
    const server = await startServer({ readyTimeoutMs: 180_000 });
    onCleanup(() => server.stop());
    return server;
  })
  .extend('customers', { scope: 'file' }, async ({ server }): Promise<Customers> => {
    const { baseURL } = server;
    const family = randomWord(7);
    const signUp = (firstName: string, nationality: string) =>
      createCustomer(baseURL, { firstName, lastName: `Sommer-${family}`, nationality, scenario: 'PENDING' });
    const now = await sandboxNow(baseURL);
    await setSandboxClock(baseURL, new Date(now.getTime() - 20 * DAY));
    const early = await signUp('Erika', 'DE');
    await setSandboxClock(baseURL, new Date(now.getTime() - 5 * DAY));
    const middle = await signUp('Moritz', 'AT');
    await setSandboxClock(baseURL, now);
    const [recent, recentAustrian] = await Promise.all([signUp('Rieke', 'DE'), signUp('Anton', 'AT')]);
    return { family, early, middle, recent, recentAustrian, today: berlinCalendarDate(await sandboxNow(baseURL)) };
  });

const box = (page: Page) => page.getByRole('searchbox', { name: 'Search customers' });
const results = (page: Page) => page.getByRole('table', { name: 'Customers found' });
const resultRows = (page: Page) => results(page).getByRole('row').filter({ has: page.getByRole('cell') });
const panelStatus = (page: Page) => page.getByRole('region', { name: 'Customers', exact: true }).getByRole('status').first();

/** The names in the result table, sorted, once it shows `count` rows. */
async function namesShown(page: Page, count: number): Promise<string[]> {
  await expect.poll(() => resultRows(page).count()).toBe(count);
  return (await resultRows(page).locator('td:first-child a').allTextContents()).map((name) => name.trim()).sort();
}

const names = (...customers: CreatedCustomer[]) => customers.map((customer) => customer.fullName).sort();

/** The app's own requests for search results (tRPC batches them under /trpc/…search.persons…). */
const isSearchRequest = (url: URL) => url.pathname.startsWith('/trpc/') && url.pathname.includes('search.persons');

describe('search filters', () => {
  // The first test waits for this file's server and customers too.
  searchTest(
    'the “customer since” range and “proof of address outstanding” narrow the results, and a reload keeps them',
    { timeout: 300_000 },
    async ({ page, server, customers }) => {
      const { early, middle, recent, recentAustrian, today } = customers;
      await signInOn(page, server.baseURL, 'agent');
      await page.goto(`${server.baseURL}/`);
      await box(page).fill(`Sommer ${customers.family}`);
      expect(await namesShown(page, 4)).toEqual(names(early, middle, recent, recentAustrian));

      const tenDaysAgo = addDays(today, -10);
      await page.getByLabel('Customer since (from)').fill(tenDaysAgo);
      expect(await namesShown(page, 3)).toEqual(names(middle, recent, recentAustrian));
      expect(new URL(page.url()).searchParams.get('createdFrom')).toContain(tenDaysAgo);

      // The "to" day counts whole: yesterday keeps the customer of five days ago, not today's.
      await page.getByLabel('Customer since (to, included)').fill(addDays(today, -1));
      expect(await namesShown(page, 1)).toEqual(names(middle));
      await page.getByLabel('Customer since (to, included)').fill('');
      expect(await namesShown(page, 3)).toEqual(names(middle, recent, recentAustrian));

      // Keyboard: Tab to the checkbox, Space ticks it.
      const outstanding = page.getByRole('checkbox', { name: 'Proof of address outstanding' });
      await tabTo(page, outstanding);
      await page.keyboard.press('Space');
      expect(await namesShown(page, 2)).toEqual(names(middle, recentAustrian));
      expect(new URL(page.url()).searchParams.get('proofOfAddressOutstanding')).toBe('true');
      await screenshot(page, 'search-created-range-and-proof-outstanding');

      // A reload keeps the filters (URL) and the typed name (this tab's history entry).
      await page.reload();
      await expect.poll(() => box(page).inputValue()).toBe(`Sommer ${customers.family}`);
      expect(await namesShown(page, 2)).toEqual(names(middle, recentAustrian));
      expect(await outstanding.isChecked()).toBe(true);
      expect(await page.getByLabel('Customer since (from)').inputValue()).toBe(tenDaysAgo);

      // Only the range's "to": the customer of twenty days ago.
      await page.getByRole('button', { name: 'Clear filters' }).click();
      expect(await namesShown(page, 4)).toEqual(names(early, middle, recent, recentAustrian));
      await page.getByLabel('Customer since (to, included)').fill(tenDaysAgo);
      expect(await namesShown(page, 1)).toEqual(names(early));

      // A range that ends before it starts finds nobody, and the page says what to correct.
      await page.getByLabel('Customer since (from)').fill(today);
      await visible(page.getByText('The "to" day is before the "from" day: nobody can match.'));
      await visible(panelStatus(page).filter({ hasText: 'Correct the “customer since” dates to search.' }));
    },
  );

  searchTest('says it is searching while the answer is on its way', { timeout: 60_000 }, async ({ page, server, customers }) => {
    await signInOn(page, server.baseURL, 'agent');
    await page.goto(`${server.baseURL}/`);
    await visible(box(page));
    // Holds the real server's answer back until the page has been looked at: the server is
    // too fast on this machine for a person (or a test) to see the loading state otherwise.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = async (route: Route) => {
      await released;
      await route.continue();
    };
    await page.route(isSearchRequest, held);

    await box(page).fill(`Sommer ${customers.family}`);
    await visible(panelStatus(page).filter({ hasText: 'Searching…' }));
    await visible(page.getByRole('status').filter({ hasText: 'Searching…' }).last());
    await screenshot(page, 'search-loading');
    release();
    expect(await namesShown(page, 4)).toHaveLength(4);
    await page.unroute(isSearchRequest, held);
  });

  searchTest('says what to do when the server cannot be reached, and Try again searches again', { timeout: 60_000 }, async ({
    page,
    server,
    customers,
    expectedConsoleErrors,
  }) => {
    expectedConsoleErrors.push(/ERR_FAILED/);
    await signInOn(page, server.baseURL, 'agent');
    await page.goto(`${server.baseURL}/`);
    await visible(box(page));
    // The real server cannot be made to fail on demand: the browser drops the app's search
    // requests instead, as when the network or the server is gone. Only this one API is cut off.
    const cutOff = (route: Route) => route.abort('failed');
    await page.route(isSearchRequest, cutOff);

    await box(page).fill(`Sommer ${customers.family}`);
    const problem = page.getByRole('alert').filter({ hasText: 'Could not search' });
    await visible(problem, 20_000);
    expect(await problem.textContent()).toContain('The server could not be reached');
    expect(await problem.textContent()).toContain('Check that the Identdesk server is running and that your network connection works, then try again.');
    await visible(panelStatus(page).filter({ hasText: 'The search failed.' }));
    await screenshot(page, 'search-error');

    // Back online: Try again, from the keyboard, brings the results.
    await page.unroute(isSearchRequest, cutOff);
    const retry = problem.getByRole('button', { name: 'Try again' });
    await tabTo(page, retry);
    await page.keyboard.press('Enter');
    expect(await namesShown(page, 4)).toHaveLength(4);
    expect(await problem.count()).toBe(0);
  });
});
