import { describe } from 'vitest';
import type { Locator } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, screenshot, signInThroughForm, test, visible } from './fixtures.ts';

/** The text of each body row of a table. */
async function rowTexts(table: Locator): Promise<string[]> {
  return (await table.locator('tbody tr').allTextContents()).map((text) => text.trim());
}

describe('audit page', () => {
  test('compliance sees sign-in events and filters them by action and by user, with the filters in the URL', async ({
    page,
    expectedConsoleErrors,
  }) => {
    expectedConsoleErrors.push(/status of 401/);
    // A failed and a successful sign-in of the agent, then compliance signs in.
    await page.goto('/login');
    await signInThroughForm(page, DEMO_ACCOUNTS.agent.email, 'mistyped password');
    await visible(page.getByRole('alert'));
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
    await expect.poll(() => rowTexts(table), { timeout: 10_000 }).toSatisfy(
      (texts: string[]) => texts.length > 0 && texts.every((text) => text.includes('Sign-in failed')),
    );

    await filters.getByLabel('Action').selectOption({ label: 'Signed in' });
    await filters.getByLabel('User').selectOption({ label: `${DEMO_ACCOUNTS.agent.name} (${DEMO_ACCOUNTS.agent.roleLabel})` });
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('auth.login_succeeded');
    await expect.poll(() => rowTexts(table), { timeout: 10_000 }).toSatisfy(
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
});
