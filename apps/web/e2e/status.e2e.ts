import { IDENTIFICATION_STATUSES, IDENTIFICATION_STATUS_MEANINGS, type IdentificationStatus } from '@identdesk/domain';
import type { Page, Route } from 'playwright-core';
import { describe } from 'vitest';
import { expect, formatCount, test, visible } from './fixtures.ts';

interface Overview {
  database: 'pglite' | 'postgres';
  persons: number;
  identifications: number;
  identificationsByStatus: Record<IdentificationStatus, number>;
  lastWebhookAt: string | null;
}

async function fetchOverview(baseURL: string): Promise<Overview> {
  const response = await fetch(`${baseURL}/trpc/system.overview`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { result: { data: Overview } };
  return body.result.data;
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
  test('shows the database, the counts and the last webhook that the server reports', async ({ page, baseURL, signIn }) => {
    const overview = await fetchOverview(baseURL);
    await signIn('admin');

    await page.goto('/status');
    await visible(page.getByRole('heading', { level: 1, name: 'System status' }));

    const figure = (name: string) => page.getByRole('group', { name, exact: true });
    await visible(figure('Database').getByText(overview.database === 'pglite' ? 'PGlite' : 'PostgreSQL', { exact: true }));
    await visible(figure('Persons').getByText(formatCount(overview.persons), { exact: true }));
    await visible(figure('Identifications').getByText(formatCount(overview.identifications), { exact: true }));
    if (overview.lastWebhookAt === null) {
      await visible(figure('Last webhook').getByText('None yet', { exact: true }));
    } else {
      expect(await figure('Last webhook').locator('time').getAttribute('datetime')).toBe(overview.lastWebhookAt);
    }

    const table = page.getByRole('table', { name: 'Identifications by status' });
    await visible(table);
    for (const status of IDENTIFICATION_STATUSES) {
      const meaning = IDENTIFICATION_STATUS_MEANINGS[status];
      const row = table.getByRole('row').filter({ has: page.getByText(meaning.label, { exact: true }) });
      expect(await row.count(), `one row for ${status}`).toBe(1);
      const cells = row.getByRole('cell');
      expect(await cells.nth(1).textContent()).toBe(meaning.description);
      expect(await cells.nth(2).textContent()).toBe(formatCount(overview.identificationsByStatus[status]));
    }
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
