import { describe } from 'vitest';
import { expect, tabTo, test, visible } from './fixtures.ts';

// The sections an admin reaches (compliance queues are for compliance reviewers only).
const SECTIONS = [
  { link: 'Search', path: '/', heading: 'Search', title: 'Search · Identdesk' },
  { link: 'Metrics', path: '/metrics', heading: 'Metrics', title: 'Metrics · Identdesk' },
  { link: 'Audit', path: '/audit', heading: 'Audit', title: 'Audit · Identdesk' },
  { link: 'System status', path: '/status', heading: 'System status', title: 'System status · Identdesk' },
];

describe('app shell', () => {
  test('the first Tab reaches "Skip to content", which moves focus to the page content', async ({ page, signIn }) => {
    await signIn('admin');
    await page.goto('/metrics');
    await visible(page.getByRole('heading', { level: 1, name: 'Metrics' }));

    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Skip to content' });
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
    await visible(skipLink);

    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  test('every section is reached from the main navigation with the keyboard alone', async ({ page, signIn }) => {
    await signIn('admin');
    await page.goto('/status');
    await visible(page.getByRole('heading', { level: 1, name: 'System status' }));
    const nav = page.getByRole('navigation', { name: 'Main' });

    for (const section of [...SECTIONS.slice(1), SECTIONS[0]]) {
      if (!section) continue;
      const link = nav.getByRole('link', { name: section.link, exact: true });
      await tabTo(page, link);
      await page.keyboard.press('Enter');

      await visible(page.getByRole('heading', { level: 1, name: section.heading, exact: true }));
      expect(new URL(page.url()).pathname).toBe(section.path);
      expect(await link.getAttribute('aria-current')).toBe('page');
      await expect.poll(() => page.title()).toBe(section.title);
    }
  });

  test('an unknown address shows "Page not found" with a way back to search', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/no-such-page');
    await visible(page.getByRole('heading', { level: 1, name: 'Page not found' }));

    await page.getByRole('main').getByRole('link', { name: 'Go to search' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Search' }));
    expect(new URL(page.url()).pathname).toBe('/');
  });
});
