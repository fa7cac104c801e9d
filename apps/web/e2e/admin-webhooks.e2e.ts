import { describe } from 'vitest';
import { expect, tabTo, test, visible } from './fixtures.ts';

describe('admin: webhooks', () => {
  test('is reached from the System section with the keyboard and says why it shows nothing signed out', async ({
    page,
    expectedConsoleErrors,
  }) => {
    // Signed out, the list answers 401 on purpose; the page shows it as an error state.
    expectedConsoleErrors.push(/status of 401/, /TRPCClientError: Sign in to continue/);
    await page.goto('/status');
    await visible(page.getByRole('heading', { level: 1, name: 'System status' }));
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks', exact: true });
    await tabTo(page, link);
    await page.keyboard.press('Enter');

    await visible(page.getByRole('heading', { level: 1, name: 'Webhooks' }));
    expect(new URL(page.url()).pathname).toBe('/admin/webhooks');
    await expect.poll(() => page.title()).toBe('Webhooks · Identdesk');
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.textContent()).toContain('Could not load the webhook deliveries');
    expect(await alert.textContent()).toContain('You are not signed in');
    await visible(alert.getByRole('button', { name: 'Try again' }));
  });
});
