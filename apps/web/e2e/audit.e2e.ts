import { addDays } from '@identdesk/domain';
import { describe } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createCustomer, uniqueLastName } from './customers.ts';
import { downloadCsv } from './downloads.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, screenshot, signInThroughForm, test, visible } from './fixtures.ts';

/** The text of each body row of a table. */
async function rowTexts(table: Locator): Promise<string[]> {
  return (await table.locator('tbody tr').allTextContents()).map((text) => text.trim());
}

/** Each shown event as `occurred_at action person_id`: the time from its `<time datetime>`, the action's code. */
async function eventsShown(table: Locator): Promise<string[]> {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows
      .filter((row) => row.querySelector('time'))
      .map((row) => {
        const cells = [...row.querySelectorAll('td')];
        const when = row.querySelector('time')?.getAttribute('datetime') ?? '';
        const action = cells[2]?.querySelector('.font-mono')?.textContent?.trim() ?? '';
        const person = cells[3]?.textContent?.trim() ?? '';
        return `${new Date(when).toISOString()} ${action} ${person}`;
      }),
  );
}

/**
 * Whether the events shown are filtered by days. Read from the "Download CSV" link, which the page
 * builds from the filters of the answer it shows: the URL changes as soon as "Apply filters" is
 * pressed, the table, this link and the filter form (re-created from them) only once that answer
 * is in.
 */
async function showsADayRange(page: Page): Promise<boolean> {
  const href = (await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')) ?? '';
  const filters = new URL(href, 'http://identdesk.invalid').searchParams;
  return filters.has('from') && filters.has('to');
}

/** Today as the browser's calendar day: the audit page's day filters count in the viewer's time zone. */
async function browserToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  });
}

describe('audit page', () => {
  // Three sign-ins through the form and four filtered views: more than the default on a busy machine.
  test('compliance sees sign-in events and filters them by action and by user, with the filters in the URL', { timeout: 60_000 }, async ({
    page,
    expectedConsoleErrors,
  }) => {
    expectedConsoleErrors.push(/status of 401/);
    // A failed and a successful sign-in of the agent, then compliance signs in.
    await page.goto('/login');
    await signInThroughForm(page, DEMO_ACCOUNTS.agent.email, 'mistyped password');
    await visible(page.getByRole('alert'));
    // The refusal also empties the password field, in a render that may follow the alert's: typing
    // the right password before that would have it emptied too.
    await expect.poll(() => page.getByLabel('Password').inputValue()).toBe('');
    await signInThroughForm(page, DEMO_ACCOUNTS.agent.email, DEMO_PASSWORD);
    await visible(page.getByRole('heading', { level: 1, name: 'Search' }));
    await page.getByRole('region', { name: 'Signed-in user' }).getByRole('button', { name: 'Sign out', exact: true }).click();
    await signInThroughForm(page, DEMO_ACCOUNTS.compliance.email, DEMO_PASSWORD);
    await visible(page.getByRole('heading', { level: 1, name: 'Search' }));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Audit' }));
    const table = page.getByRole('table', { name: 'Audit events' });
    await visible(table);
    // Other browser tests sign in at the same time: look for this sign-in, not at the first row.
    await visible(table.getByRole('row').filter({ hasText: DEMO_ACCOUNTS.compliance.name }).filter({ hasText: 'Signed in' }).first());
    await screenshot(page, 'audit');

    const filters = page.getByRole('form', { name: 'Filter the audit trail' });
    await filters.getByLabel('Action').selectOption({ label: 'Sign-in failed' });
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('auth.login_failed');
    // The table shows the previous answer until the new one arrives: wait until every row matches.
    await expect.poll(() => rowTexts(table)).toSatisfy(
      (texts: string[]) => texts.length > 0 && texts.every((text) => text.includes('Sign-in failed')),
    );

    await filters.getByLabel('Action').selectOption({ label: 'Signed in' });
    await filters.getByLabel('User').selectOption({ label: `${DEMO_ACCOUNTS.agent.name} (${DEMO_ACCOUNTS.agent.roleLabel})` });
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('auth.login_succeeded');
    await expect.poll(() => rowTexts(table)).toSatisfy(
      (texts: string[]) =>
        texts.length > 0 && texts.every((text) => text.includes('Signed in') && text.includes(DEMO_ACCOUNTS.agent.name)),
    );
    const rows = await rowTexts(table);
    // The URL carries ids, never names.
    expect(page.url()).not.toContain(encodeURIComponent(DEMO_ACCOUNTS.agent.name));
    expect(page.url()).not.toContain('Alex');

    // The CSV export selects the same events.
    const download = page.getByRole('link', { name: 'Download CSV' });
    const href = await download.getAttribute('href');
    expect(href).toContain('action=auth.login_succeeded');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href ?? '');
    const [header, ...lines] = csv.trimEnd().split('\r\n');
    expect(header).toContain('occurred_at,action');
    expect(lines.length).toBeGreaterThanOrEqual(rows.length);
    for (const line of lines) {
      expect(line).toContain(',auth.login_succeeded,');
      expect(line).toContain(DEMO_ACCOUNTS.agent.email);
    }

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
  });

  test('compliance narrows the trail to one customer and to days, and the CSV export holds exactly the events shown', { timeout: 90_000 }, async ({
    page,
    baseURL,
    signIn,
  }) => {
    // Two customers, each opened by compliance: the trail then holds views of both.
    const [watched, other] = await Promise.all([
      createCustomer(baseURL, { firstName: 'Wilma', lastName: uniqueLastName('Spur'), scenario: 'PENDING' }),
      createCustomer(baseURL, { firstName: 'Otto', lastName: uniqueLastName('Spur'), scenario: 'PENDING' }),
    ]);
    await signIn('compliance');
    for (const customer of [watched, other]) {
      await page.goto(`/persons/${customer.personId}`);
      await visible(page.getByRole('region', { name: 'Identity and contact' }));
    }

    await page.goto('/audit');
    const table = page.getByRole('table', { name: 'Audit events' });
    await visible(table.getByRole('row').nth(1));
    const filters = page.getByRole('form', { name: 'Filter the audit trail' });
    // Keyboard: the person id, then Enter applies.
    await filters.getByLabel('Customer (person id)').fill(watched.personId);
    await filters.getByLabel('Customer (person id)').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('personId')).toBe(watched.personId);
    // The table shows the previous answer until the new one arrives: wait until every row is about the customer.
    await expect.poll(() => eventsShown(table)).toSatisfy(
      (events: string[]) => events.length > 0 && events.every((event) => event.endsWith(` ${watched.personId}`)),
    );
    const compliancesView = table
      .getByRole('row')
      .filter({ hasText: DEMO_ACCOUNTS.compliance.name })
      .filter({ hasText: 'person.viewed' });
    await visible(compliancesView.first());
    expect(await table.getByText(other.personId).count()).toBe(0);

    // Today's events, from today to today, are the same; from tomorrow on there are none.
    const today = await browserToday(page);
    const shownForTheCustomer = await eventsShown(table);
    await filters.getByLabel('From (day)').fill(today);
    await filters.getByLabel('To (day, included)').fill(today);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(today);
    // The events shown before are the ones expected now: wait for this filter's answer, or the
    // check below passes on the old table and the late answer re-creates the form while the next
    // days are typed into it.
    await expect.poll(() => showsADayRange(page)).toBe(true);
    await expect.poll(() => eventsShown(table)).toEqual(shownForTheCustomer);
    await screenshot(page, 'audit-person-and-days');

    await filters.getByLabel('From (day)').fill(addDays(today, 1));
    await filters.getByLabel('To (day, included)').fill(addDays(today, 1));
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const empty = page.getByText('No events match these filters');
    await visible(empty);
    await visible(page.getByText('Clear a filter or widen the time range.'));
    expect(await eventsShown(table)).toEqual([]);

    // Back to today, and download what the page shows.
    await filters.getByLabel('From (day)').fill(today);
    await filters.getByLabel('To (day, included)').fill(today);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => eventsShown(table)).toEqual(shownForTheCustomer);
    const { fileName, rows: csv } = await downloadCsv(page.getByRole('link', { name: 'Download CSV' }));
    expect(fileName).toMatch(/\.csv$/);
    const [header = [], ...lines] = csv;
    const column = (name: string) => header.indexOf(name);
    const exported = lines.map(
      (line) => `${new Date(line[column('occurred_at')] ?? '').toISOString()} ${line[column('action')]} ${line[column('person_id')]}`,
    );
    expect(exported).toEqual(shownForTheCustomer);
  });
});
