import { IDENTIFICATION_STATUSES, IDENTIFICATION_STATUS_MEANINGS, type IdentificationStatus } from '@identdesk/domain';
import type { Locator, Page, Route } from 'playwright-core';
import { describe } from 'vitest';
import { expect, formatCount, test, visible } from './fixtures.ts';

interface Overview {
  database: 'pglite' | 'postgres';
  persons: number;
  identifications: number;
  identificationsByStatus: Record<IdentificationStatus, number>;
  lastWebhookAt: string | null;
}

/**
 * Collects every `system.overview` answer the page receives, newest last. The figures are compared
 * with what the page itself was told: other test files keep creating customers on the same server,
 * so an overview fetched a moment before the page would not be the one it shows.
 */
function overviewsReceivedBy(page: Page): Overview[] {
  const received: Overview[] = [];
  page.on('response', async (response) => {
    if (!response.url().includes('/trpc/') || !response.ok()) return;
    const procedures = proceduresOf(response.url());
    const index = procedures.indexOf('system.overview');
    if (index < 0) return;
    // A page closed at the end of the test no longer has the body; nothing to compare then.
    const body = (await response.json().catch(() => null)) as unknown;
    const answer = (Array.isArray(body) ? body[index] : body) as { result?: { data: Overview } } | null;
    if (answer?.result) received.push(answer.result.data);
  });
  return received;
}

/** The procedures of a (batched) tRPC request: `/trpc/auth.me,system.overview?batch=1`. */
function proceduresOf(url: string): string[] {
  const { pathname } = new URL(url);
  return decodeURIComponent(pathname.replace(/^\/trpc\//, '')).split(',');
}

/**
 * Answers `system.overview` with a tRPC internal server error while the other procedures of the
 * same batch get their real answers, as when the database fails under that one query.
 */
async function failSystemOverview(route: Route) {
  const procedures = proceduresOf(route.request().url());
  if (!procedures.includes('system.overview')) {
    await route.fallback();
    return;
  }
  const real = await route.fetch();
  const answers = (await real.json()) as unknown[];
  const body = procedures.map((procedure, index) =>
    procedure === 'system.overview'
      ? {
          error: {
            message: 'Internal server error',
            code: -32603,
            data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path: procedure },
          },
        }
      : answers[index],
  );
  await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify(body) });
}

async function interceptOverview(page: Page, handler: (route: Route) => Promise<void>) {
  await page.route('**/trpc/**', handler);
}

describe('system status', () => {
  test('shows the database, the counts and the last webhook that the server reports', async ({ page, signIn }) => {
    await signIn('admin');
    const received = overviewsReceivedBy(page);

    await page.goto('/status');
    await visible(page.getByRole('heading', { level: 1, name: 'System status' }));

    const figure = (name: string) => page.getByRole('group', { name, exact: true });
    const table = page.getByRole('table', { name: 'Identifications by status' });
    await visible(table);
    const statusRow = (status: IdentificationStatus) =>
      table.getByRole('row').filter({ has: page.getByText(IDENTIFICATION_STATUS_MEANINGS[status].label, { exact: true }) });

    /** What the page shows that differs from the newest overview it received; empty when it shows that one. */
    const differences = async (): Promise<string[]> => {
      const overview = received.at(-1);
      if (!overview) return ['no system.overview answer yet'];
      const found: string[] = [];
      const expectShown = async (what: string, container: Locator, expected: string) => {
        if ((await container.getByText(expected, { exact: true }).count()) === 0) {
          found.push(`${what}: does not show ${JSON.stringify(expected)} as the server said`);
        }
      };
      await expectShown('Database', figure('Database'), overview.database === 'pglite' ? 'PGlite' : 'PostgreSQL');
      await expectShown('Persons', figure('Persons'), formatCount(overview.persons));
      await expectShown('Identifications', figure('Identifications'), formatCount(overview.identifications));
      if (overview.lastWebhookAt === null) {
        await expectShown('Last webhook', figure('Last webhook'), 'None yet');
      } else {
        const time = figure('Last webhook').locator('time');
        const shown = (await time.count()) === 1 ? await time.getAttribute('datetime') : null;
        if (shown !== overview.lastWebhookAt) found.push(`Last webhook: shows ${shown}, server said ${overview.lastWebhookAt}`);
      }
      for (const status of IDENTIFICATION_STATUSES) {
        const row = statusRow(status);
        if ((await row.count()) !== 1) {
          found.push(`${status}: ${await row.count()} rows`);
          continue;
        }
        const cells = row.getByRole('cell');
        const meaning = await cells.nth(1).textContent();
        if (meaning !== IDENTIFICATION_STATUS_MEANINGS[status].description) found.push(`${status}: means ${JSON.stringify(meaning)}`);
        const count = await cells.nth(2).textContent();
        const expected = formatCount(overview.identificationsByStatus[status]);
        if (count !== expected) found.push(`${status}: counts ${JSON.stringify(count)}, server said ${expected}`);
      }
      return found;
    };
    await expect.poll(differences).toEqual([]);
  });

  test('a server error says what went wrong and what to do, and "Try again" recovers', async ({
    page,
    expectedConsoleErrors,
    signIn,
  }) => {
    await signIn('admin');
    expectedConsoleErrors.push(/status of 500/, /TRPCClientError: Internal server error/);
    await interceptOverview(page, failSystemOverview);
    await page.goto('/status');

    const alert = await visible(page.getByRole('alert').filter({ hasText: 'Could not load the system status' }));
    const text = await alert.textContent();
    expect(text).toContain('The server answered with an error');
    expect(text).toContain('Try again. If it keeps failing');
    expect(text).toContain('HTTP 500 · INTERNAL_SERVER_ERROR');

    await page.unrouteAll({ behavior: 'wait' });
    await alert.getByRole('button', { name: 'Try again' }).click();
    await visible(page.getByRole('table', { name: 'Identifications by status' }));
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  test('a server that cannot be reached is told apart from one that answers with an error', async ({
    page,
    expectedConsoleErrors,
    signIn,
  }) => {
    await signIn('admin');
    expectedConsoleErrors.push(/ERR_CONNECTION_REFUSED/, /TRPCClientError: Failed to fetch/);
    await interceptOverview(page, async (route) => {
      if (proceduresOf(route.request().url()).includes('system.overview')) await route.abort('connectionrefused');
      else await route.fallback();
    });
    await page.goto('/status');

    const alert = await visible(page.getByRole('alert').filter({ hasText: 'Could not load the system status' }));
    expect(await alert.textContent()).toContain('Check that the Identdesk server is running');
    await visible(alert.getByRole('button', { name: 'Try again' }));
  });
});
