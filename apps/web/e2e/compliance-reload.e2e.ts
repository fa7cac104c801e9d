import { describe } from 'vitest';
import { createCustomer, uniqueLastName } from './customers.ts';
import { callProcedure, expect, sessionCookie, signInOn, test, visible } from './fixtures.ts';
import { startServer, type RunningServer } from './server-process.ts';

/**
 * A compliance queue that changes under a reviewer's open dialog, in Chromium, on a server of this
 * file's own, so the queue holds exactly the customers this file creates.
 */

const reviewerTest = test
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
  .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<RunningServer> => {
    const server = await startServer();
    onCleanup(() => server.stop());
    return server;
  });

describe('a compliance queue that changes while a reviewer works on it', () => {
  reviewerTest('an open acknowledgement stays with its customer when the queue reloads without the row above it', { timeout: 240_000 }, async ({ page, server }) => {
    const customers = await Promise.all(
      ['Ida', 'Jonas', 'Karla'].map((firstName) => createCustomer(server.baseURL, { firstName, lastName: uniqueLastName('Reiter'), scenario: 'CANCELED' })),
    );
    await signInOn(page, server.baseURL, 'compliance');
    await page.goto(`${server.baseURL}/compliance/reversed_success`);
    const region = page.getByRole('region', { name: 'Reversed successes' });
    // The open dialog hides the page behind it from the accessibility tree; its rows are still there.
    const rows = region.getByRole('row', { includeHidden: true }).filter({ has: page.getByRole('link', { name: /^Identification of /, includeHidden: true }) });
    await expect.poll(() => rows.count()).toBe(3);
    const shownOrder = (await rows.allTextContents()).map((text) => customers.find((customer) => text.includes(customer.fullName)));
    const [above, mine, below] = shownOrder;
    if (!above || !mine || !below) throw new Error(`the queue shows other customers: ${JSON.stringify(await rows.allTextContents())}`);

    // The reviewer starts on the middle row, then goes off to block the account in core banking.
    await rows.filter({ hasText: mine.fullName }).getByRole('button', { name: `Bank account blocked: ${mine.fullName}` }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog);
    await dialog.getByLabel('Note').fill('Blocked in core banking, ticket OPS-5120');

    // Meanwhile a colleague acknowledges the row above it.
    const colleague = await sessionCookie(server.baseURL, 'compliance');
    await callProcedure(server.baseURL, colleague, 'compliance.acknowledge', {
      identificationId: above.identificationId,
      queue: 'reversed_success',
      note: 'Blocked by the night shift, ticket OPS-5119',
    });
    // Back in Identdesk once the list is stale (15 s), the window's focus reloads it without that row.
    await page.waitForTimeout(15_500);
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(() => rows.count()).toBe(2);

    // The dialog is still about the customer it was opened for, with the note as typed.
    expect(await dialog.textContent()).toContain(mine.fullName);
    expect(await dialog.textContent()).not.toContain(below.fullName);
    expect(await dialog.getByLabel('Note').inputValue()).toBe('Blocked in core banking, ticket OPS-5120');
    await dialog.getByRole('button', { name: 'Bank account blocked', exact: true }).click();
    await visible(page.getByRole('status').filter({ hasText: `Bank account blocked: ${mine.fullName}` }));
    await expect.poll(async () => (await rows.allTextContents()).map((text) => text.includes(below.fullName))).toEqual([true]);
  });
});
