import type { Page } from 'playwright-core';
import { beforeAll, describe } from 'vitest';
import { createCustomer, randomMobileNumber, randomWord, type CreatedCustomer } from './customers.ts';
import { expect, inject, screenshot, test, visible } from './fixtures.ts';

/**
 * Every customer here carries this made-up family name part, so searches find this file's
 * customers and not the ones other test files create in the same sandbox at the same time.
 */
const family = randomWord(7);

let jurgen: CreatedCustomer;
let aborted: CreatedCustomer;
let english: CreatedCustomer;
/** Twelve more with the same last name, for paging and sorting. */
let crowd: CreatedCustomer[];
const crowdName = `Lindqvist-${randomWord(6)}`;
const crowdFirstNames = ['Ada', 'Bela', 'Cem', 'Dora', 'Emil', 'Fiona', 'Gustav', 'Hanna', 'Ilse', 'Jakob', 'Karla', 'Luis'];

beforeAll(async () => {
  const baseURL = inject('baseURL');
  const mobile = randomMobileNumber();
  [jurgen, aborted, english, ...crowd] = await Promise.all([
    createCustomer(baseURL, {
      firstName: 'Jürgen',
      lastName: `Grünewald-${family}`,
      birthDate: randomBirthDate(),
      mobileNumber: mobile,
      email: `juergen.gruenewald.${family.toLowerCase()}@example.com`,
      scenario: 'HAPPYPATH',
    }),
    createCustomer(baseURL, { firstName: 'Sören', lastName: `Grünewald-${family}`, scenario: 'ABORTIDENT' }),
    createCustomer(baseURL, { firstName: 'Siobhán', lastName: `Grünewald-${family}`, language: 'EN', scenario: 'PENDING' }),
    ...crowdFirstNames.map((firstName) => createCustomer(baseURL, { firstName, lastName: crowdName })),
  ]);
}, 90_000);

/** A birth date no other test file is likely to use (they default to 1988-04-23). */
function randomBirthDate(): string {
  const year = 1940 + Math.floor(Math.random() * 60);
  const month = 1 + Math.floor(Math.random() * 12);
  const day = 1 + Math.floor(Math.random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const box = (page: Page) => page.getByRole('searchbox', { name: 'Search customers' });
const results = (page: Page) => page.getByRole('table', { name: 'Customers found' });
const resultRows = (page: Page) => results(page).getByRole('row').filter({ has: page.getByRole('cell') });

async function search(page: Page, query: string) {
  await box(page).fill(query);
}

/** The names in the result table, top to bottom, once it shows `count` rows. */
async function namesShown(page: Page, count: number): Promise<string[]> {
  await expect.poll(() => resultRows(page).count()).toBe(count);
  const names = await resultRows(page).locator('td:first-child a').allTextContents();
  return names.map((name) => name.trim());
}

async function waitForResult(page: Page, name: string) {
  await visible(resultRows(page).filter({ hasText: name }).first());
}

const panelStatus = (page: Page) => page.getByRole('region', { name: 'Customers', exact: true }).getByRole('status').first();

/** The app's own requests for search results (tRPC batches them under /trpc/…search.persons…). */
const isSearchRequest = (url: URL) => url.pathname.startsWith('/trpc/') && url.pathname.includes('search.persons');

/**
 * Does `typing` (which types `query`) and waits until the table shows the answer to exactly that
 * query. The previous results stay in the table (dimmed, "Updating…") until the next ones arrive,
 * and a pause in typing can send a part of the query first: a wait for rows alone can pass on an
 * earlier answer that shows the same customer.
 */
async function answerTo(page: Page, query: string, typing: () => Promise<void>) {
  const answered = page.waitForResponse(
    (response) =>
      isSearchRequest(new URL(response.url())) && (response.request().postData() ?? '').includes(JSON.stringify(query)),
    { timeout: 10_000 },
  );
  await typing();
  await answered;
  await expect.poll(async () => (await panelStatus(page).textContent()) ?? '').not.toContain('Updating');
}

describe('customer search', () => {
  test('finds a customer typed without umlauts and with a typo, and keeps the name out of the URL', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/');
    await visible(page.getByText('Search for a customer'));
    await screenshot(page, 'search-empty');

    await search(page, `Jurgen Grunwald ${family}`);
    await waitForResult(page, jurgen.fullName);
    expect(await resultRows(page).filter({ hasText: jurgen.fullName }).getByText('Successful').count()).toBe(1);
    expect(page.url()).not.toMatch(/jurgen|grunwald/i);
    expect(page.url()).not.toContain(family);
    await screenshot(page, 'search-results');

    // Back from the person's page, the query and its results are still there.
    await resultRows(page).filter({ hasText: jurgen.fullName }).click();
    await page.waitForURL(`**/persons/${jurgen.personId}`);
    await page.goBack();
    await expect.poll(() => box(page).inputValue()).toBe(`Jurgen Grunwald ${family}`);
    await waitForResult(page, jurgen.fullName);
  });

  test('finds a customer by email, by a phone number written differently, and by date of birth', async ({ page, signIn }) => {
    await signIn('compliance');
    await page.goto('/');

    await search(page, (jurgen.email ?? '').toUpperCase());
    expect(await namesShown(page, 1)).toEqual([jurgen.fullName]);

    // +49151… typed the way a customer reads it out: national, with a slash and spaces.
    // The table shows Jürgen already, from the email: wait for the answer to each new query.
    const national = `0${jurgen.mobileNumber.slice(3, 6)}/${jurgen.mobileNumber.slice(6, 9)} ${jurgen.mobileNumber.slice(9)}`;
    await answerTo(page, national, () => search(page, national));
    expect(await namesShown(page, 1)).toEqual([jurgen.fullName]);

    const [year, month, day] = jurgen.birthDate.split('-');
    const birthDate = `${day}.${month}.${year}`;
    await answerTo(page, birthDate, () => search(page, birthDate));
    await waitForResult(page, jurgen.fullName);
  });

  test('narrows by status and language; the filters are in the URL and survive a reload', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/');
    await search(page, `Grünewald ${family}`);
    expect((await namesShown(page, 3)).sort()).toEqual([aborted.fullName, english.fullName, jurgen.fullName].sort());

    await page.getByRole('button', { name: /^Identification status/ }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Aborted' }).click();
    await page.keyboard.press('Escape');
    expect(await namesShown(page, 1)).toEqual([aborted.fullName]);
    expect(decodeURIComponent(page.url())).toContain('aborted');
    await screenshot(page, 'search-filtered');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    // The table still shows the one aborted customer until the unfiltered answer is in; a filter
    // picked before that would be counted on it (one row, the wrong one).
    expect((await namesShown(page, 3)).sort()).toEqual([aborted.fullName, english.fullName, jurgen.fullName].sort());
    await page.getByLabel('Language').selectOption({ label: 'English' });
    expect(await namesShown(page, 1)).toEqual([english.fullName]);

    // A reload keeps the filter (URL) and the query (this tab's history entry).
    await page.reload();
    await expect.poll(() => box(page).inputValue()).toBe(`Grünewald ${family}`);
    expect(await namesShown(page, 1)).toEqual([english.fullName]);
  });

  test('pages and sorts through the URL', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/?sort=name&direction=asc&pageSize=10');
    await search(page, crowdName);
    const firstPage = await namesShown(page, 10);
    expect(firstPage[0]).toContain('Ada');
    await visible(page.getByText(/1–10 of 12 customers/));

    await page.getByRole('button', { name: 'Next' }).click();
    const secondPage = await namesShown(page, 2);
    expect(secondPage.map((name) => name.split(' ')[0])).toEqual(['Karla', 'Luis']);
    expect(page.url()).toContain('page=2');

    await page.getByRole('button', { name: /^Name/ }).click();
    await expect.poll(() => page.url()).toContain('direction=desc');
    expect((await namesShown(page, 10))[0]).toContain('Luis');
    expect(page.url()).not.toContain('page=2');
  });

  test('opens a customer from the keyboard: / anywhere, type, ↓ and Enter', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto(`/persons/${crowd[0]?.personId ?? ''}`);
    await visible(page.getByRole('heading', { level: 1 }));

    await page.keyboard.press('/');
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => box(page).evaluate((element) => element === document.activeElement)).toBe(true);
    // ↓ goes to the first row shown: wait for the answer to the whole query, not to a part of it
    // sent while typing paused.
    const typed = `Soren Grunewald ${family}`;
    await answerTo(page, typed, () => page.keyboard.type(typed));
    await waitForResult(page, aborted.fullName);
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(focused).toBe(`Open ${aborted.fullName}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/persons/${aborted.personId}`);
  });

  test('jumps straight to the customer or the identification when an exact id is typed', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/');
    await search(page, english.personId);
    await page.waitForURL(`**/persons/${english.personId}`);
    await visible(page.getByRole('heading', { level: 1, name: english.fullName }));

    // An identification's id opens that identification.
    await page.keyboard.press('/');
    await box(page).fill(english.identificationId);
    await page.waitForURL(`**/identifications/${english.identificationId}`);
  });

  test('says what to try when nobody matches', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/');
    await search(page, `Nobody ${randomWord(9)}`);
    await visible(page.getByText('No customer matches', { exact: true }));
    await screenshot(page, 'search-no-results');
  });
});
