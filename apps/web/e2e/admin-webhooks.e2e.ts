import { describe } from 'vitest';
import { expect, tabTo, test, visible } from './fixtures.ts';

describe('admin: webhooks', () => {
  test('is reached from the System section with the keyboard by an admin', async ({ page, signIn }) => {
    await signIn('admin');
    await page.goto('/status');
    await visible(page.getByRole('heading', { level: 1, name: 'System status' }));
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks', exact: true });
    await tabTo(page, link);
    await page.keyboard.press('Enter');

    await visible(page.getByRole('heading', { level: 1, name: 'Webhooks' }));
    expect(new URL(page.url()).pathname).toBe('/admin/webhooks');
    await expect.poll(() => page.title()).toBe('Webhooks · Identdesk');
    // The heading shows while the deliveries still load too: look for an error once they are in.
    await visible(page.getByRole('table').first(), 15_000);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  test('is not offered to other roles, and says so to one who follows a link there', async ({ page, signIn }) => {
    await signIn('compliance');
    await page.goto('/admin/webhooks');
    await visible(page.getByRole('heading', { level: 1, name: 'Webhooks' }));
    await visible(page.getByText('Webhooks is not available to your role'));
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
  });
});
