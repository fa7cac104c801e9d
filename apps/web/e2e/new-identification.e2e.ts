import { describe } from 'vitest';
import { expectAccessible } from './axe.ts';
import {
  createCustomer,
  sandboxNow,
  setSandboxClock,
  solarisIdentification,
  uniqueLastName,
  type CreatedCustomer,
} from './customers.ts';
import { expect, screenshot, signInOn, test, visible } from './fixtures.ts';
import { startServer, type RunningServer } from './server-process.ts';

/**
 * A new identification for a customer who cannot continue (issue #8), in Chromium, on a server of
 * this file's own: the sandbox clock is moved back 15 days to give customers a link older than
 * 14 days, which must not disturb other files' customers.
 */

const DAY = 24 * 60 * 60 * 1000;

interface Customers {
  /** Requested 15 days ago and never called: the link is too old, a new identification is due. */
  expired: CreatedCustomer;
  /** The same, but living in France: video identification is for residents of Germany only. */
  livesInFrance: CreatedCustomer;
  /** Requested just now: the customer can still use the link. */
  fresh: CreatedCustomer;
}

const startTest = test
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
  .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<RunningServer> => {
    const server = await startServer();
    onCleanup(() => server.stop());
    return server;
  })
  .extend('customers', { scope: 'file' }, async ({ server }): Promise<Customers> => {
    const { baseURL } = server;
    const now = await sandboxNow(baseURL);
    await setSandboxClock(baseURL, new Date(now.getTime() - 15 * DAY));
    const [expired, livesInFrance] = await Promise.all([
      createCustomer(baseURL, { firstName: 'Lotte', lastName: uniqueLastName('Spät'), scenario: 'PENDING' }),
      createCustomer(baseURL, {
        firstName: 'Amélie',
        lastName: uniqueLastName('Dubois'),
        scenario: 'PENDING',
        address: { line_1: 'Rue de Rivoli', line_2: '10', postal_code: '75001', city: 'Paris', country: 'FR' },
      }),
    ]);
    await setSandboxClock(baseURL, now);
    const fresh = await createCustomer(baseURL, { firstName: 'Nele', lastName: uniqueLastName('Frisch'), scenario: 'PENDING' });
    return { expired, livesInFrance, fresh };
  });

describe('new identification', () => {
  // The first test waits for this file's server and customers too.
  startTest('is refused in words for a customer who can continue or does not live in Germany', { timeout: 180_000 }, async ({ page, server, customers }) => {
    await signInOn(page, server.baseURL, 'agent');

    await page.goto(`${server.baseURL}/identifications/${customers.fresh.identificationId}`);
    const fresh = page.getByRole('region', { name: 'New identification' });
    const refusals = fresh.getByRole('list', { name: 'Why no new identification can be started' });
    await visible(refusals);
    expect(await refusals.textContent()).toMatch(/link/i);
    expect(await fresh.getByRole('button', { name: 'Start a new identification' }).isDisabled()).toBe(true);

    await page.goto(`${server.baseURL}/identifications/${customers.livesInFrance.identificationId}`);
    const abroad = page.getByRole('region', { name: 'New identification' });
    await visible(abroad.getByRole('list', { name: 'Why no new identification can be started' }));
    expect(await abroad.textContent()).toMatch(/Germany/);
    expect(await abroad.getByRole('button', { name: 'Start a new identification' }).isDisabled()).toBe(true);
    await screenshot(page, 'new-identification-refused');
  });

  startTest(
    'reaches the sandbox for a customer whose link expired, and the agent never sees its link or reference',
    async ({ page, server, customers }) => {
      const { expired } = customers;
      await signInOn(page, server.baseURL, 'agent');
      await page.goto(`${server.baseURL}/identifications/${expired.identificationId}`);
      const panel = page.getByRole('region', { name: 'New identification' });
      const start = panel.getByRole('button', { name: 'Start a new identification' });
      await visible(start);
      expect(await start.isDisabled()).toBe(false);
      await screenshot(page, 'new-identification-eligible');
      await expectAccessible(page, 'the new identification panel of a customer who needs one');

      await start.click();
      const dialog = page.getByRole('dialog', { name: 'Start a new identification' });
      await visible(dialog);
      await dialog.getByLabel('Language of the video call').selectOption('EN');
      await dialog.getByRole('button', { name: 'Start the new identification' }).click();
      // The reason is required.
      await visible(dialog.getByText(/Say why the customer needs a new identification/));
      await expectAccessible(page, 'the new identification dialog, refused without a reason');
      await dialog.getByLabel(/Reason/).fill('Link expired, customer called the hotline.');
      await screenshot(page, 'new-identification-dialog');
      await dialog.getByRole('button', { name: 'Start the new identification' }).click();

      await page.waitForURL((url) => /\/identifications\/\w+$/.test(url.pathname) && !url.pathname.endsWith(expired.identificationId), {
        timeout: 20_000,
      });
      const newId = new URL(page.url()).pathname.split('/').pop() ?? '';
      const timeline = page.getByRole('region', { name: 'Status changes' });
      await visible(timeline.getByText(/Started in Identdesk by Alex Agent/));
      expect(await timeline.textContent()).toContain('(Link expired, customer called the hotline)');
      await visible(timeline.getByRole('link', { name: 'the previous identification' }));
      // The new link runs its fourteen days from now.
      await visible(page.getByText(/^Expires in 14 days$/));
      await screenshot(page, 'new-identification-started');

      // Solaris has it, requested, in English, with a link and a reference...
      const atSolaris = await solarisIdentification(server.baseURL, expired.personId, newId);
      expect(atSolaris.language).toBe('EN');
      expect(atSolaris.url).toBeTruthy();
      expect(atSolaris.reference).toBeTruthy();
      // ...which go to the customer through the partner's app, never onto the agent's screen.
      const html = await page.content();
      expect(html).not.toContain(atSolaris.url ?? '');
      expect(html).not.toContain(atSolaris.reference ?? '');

      await page.getByRole('link', { name: 'the previous identification' }).click();
      await page.waitForURL(`**/identifications/${expired.identificationId}`);
      await visible(page.getByRole('link', { name: 'a new identification' }));
    },
    120_000,
  );
});
