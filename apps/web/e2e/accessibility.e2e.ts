import AxeBuilder from '@axe-core/playwright';
import { addMonthsClamped, berlinCalendarDate } from '@identdesk/domain';
import type { Page } from 'playwright-core';
import { beforeAll, describe } from 'vitest';
import { createCustomer, uniqueLastName, type CreatedCustomer } from './customers.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, inject, test, visible } from './fixtures.ts';

/**
 * Every main page of every role, checked with axe against WCAG 2.1 A and AA: no serious or
 * critical violation. Screen-reader and keyboard users work the same queues as everyone else,
 * so a page that fails here fails a person at work. A violation is printed with its rule, its
 * impact, the elements it was found on and where axe explains the fix.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) =>
      [
        `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}`,
        ...violation.nodes.map(
          (node) =>
            `  at ${node.target.map(String).join(' > ')}${node.failureSummary ? `\n    ${node.failureSummary.replaceAll('\n', '\n    ')}` : ''}`,
        ),
        `  ${violation.helpUrl}`,
      ].join('\n'),
    );
  expect(report, `serious or critical accessibility violations on ${what}`).toEqual([]);
}

/** A one-page PDF, enough for the proof-of-address upload to accept it. */
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Records a proof of address as the demo agent over HTTP, so the compliance queue has an item to show. */
async function recordProofOfAddress(baseURL: string, customer: CreatedCustomer) {
  const login = await fetch(`${baseURL}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1' },
    body: JSON.stringify({ email: DEMO_ACCOUNTS.agent.email, password: DEMO_PASSWORD }),
  });
  const [cookie = ''] = (login.headers.getSetCookie()[0] ?? '').split(';');
  const form = new FormData();
  form.set('type', 'GAS_BILL');
  form.set('issuedOn', addMonthsClamped(berlinCalendarDate(new Date()), -1));
  form.set('note', 'Sent by post, original seen.');
  form.set('identificationId', customer.identificationId);
  form.set('file', new Blob([new Uint8Array(PDF_BYTES)], { type: 'application/pdf' }), 'gasrechnung.pdf');
  const response = await fetch(`${baseURL}/api/persons/${customer.personId}/proof-of-address`, {
    method: 'POST',
    headers: { cookie, 'x-identdesk-csrf': '1' },
    body: form,
  });
  if (response.status !== 201) throw new Error(`recording a proof of address answered ${response.status}: ${await response.text()}`);
}

// One identified customer (with IDnow's documents) and a proof of address waiting for review.
let customer: CreatedCustomer;
beforeAll(async () => {
  const baseURL = inject('baseURL');
  customer = await createCustomer(baseURL, { firstName: 'Agnes', lastName: uniqueLastName('Zugang'), scenario: 'HAPPYPATH' });
  await recordProofOfAddress(baseURL, customer);
}, 90_000);

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** axe takes seconds per page on a busy machine: a test of several pages gets the time for them. */
const SEVERAL_PAGES = { timeout: 120_000 };

async function checkPersonPage(page: Page, who: string) {
  await page.goto(`/persons/${customer.personId}`);
  await visible(page.getByRole('region', { name: 'Identity and contact' }));
  await visible(page.getByRole('table', { name: 'Recorded proofs of address' }));
  await expectAccessible(page, `the person page (${who})`);
}

async function checkIdentificationPage(page: Page, who: string) {
  await page.goto(`/identifications/${customer.identificationId}`);
  const documents = await visible(page.getByRole('table', { name: 'Documents of the identification' }));
  await expectAccessible(page, `the identification page (${who})`);
  return documents;
}

async function checkAuditPage(page: Page, who: string) {
  await page.goto('/audit');
  await visible(h1(page, 'Audit'));
  await visible(page.getByRole('table').first().getByRole('row').nth(1));
  await expectAccessible(page, `the audit page (${who})`);
}

describe('accessibility (axe, WCAG 2.1 A and AA)', () => {
  test('the sign-in page, empty and with an error', SEVERAL_PAGES, async ({ page, expectedConsoleErrors }) => {
    expectedConsoleErrors.push(/status of 401/);
    await page.goto('/login');
    await visible(h1(page, 'Sign in'));
    await expectAccessible(page, 'the sign-in page');

    await page.getByLabel('Email').fill(DEMO_ACCOUNTS.agent.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await visible(page.getByText(/email or password is not right/));
    await expectAccessible(page, 'the sign-in page with a refused password');
  });

  test('agent: search with results, the person page and its proof-of-address dialog', SEVERAL_PAGES, async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/');
    await visible(h1(page, 'Search'));
    await expectAccessible(page, 'the empty search page');

    await page.getByRole('searchbox', { name: 'Search customers' }).fill(customer.lastName);
    const results = page.getByRole('table', { name: 'Customers found' });
    await visible(results.getByRole('row').filter({ hasText: customer.fullName }));
    await expectAccessible(page, 'the search page with results');

    await checkPersonPage(page, 'agent');

    await page.getByRole('button', { name: 'Record proof of address' }).click();
    const dialog = await visible(page.getByRole('dialog', { name: 'Record proof of address' }));
    await expectAccessible(page, 'the proof-of-address dialog');

    // The same dialog telling the agent what is wrong with a date.
    await dialog.getByLabel('Issue date').fill(addMonthsClamped(berlinCalendarDate(new Date()), -8));
    await expect.poll(() => dialog.getByLabel('Issue date').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the proof-of-address dialog with an invalid issue date');
  });

  test('agent: the identification page and the document viewer', SEVERAL_PAGES, async ({ page, signIn }) => {
    await signIn('agent');
    const documents = await checkIdentificationPage(page, 'agent');

    await documents.getByRole('link', { name: /^Open KYC report/ }).click();
    await page.waitForURL(/\/documents\/\w+cdoc\?/);
    await visible(page.getByRole('region', { name: 'Document', exact: true }), 20_000);
    await visible(page.getByRole('img', { name: 'Page 1 of 1' }), 20_000);
    await expectAccessible(page, 'the document viewer');
  });

  test('agent: the not-found page', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/no-such-page');
    await visible(h1(page, 'Page not found'));
    await expectAccessible(page, 'the not-found page');
  });

  test('compliance: the overview, a queue with an item, the person and identification pages', SEVERAL_PAGES, async ({ page, signIn }) => {
    await signIn('compliance');
    await page.goto('/compliance');
    await visible(h1(page, 'Compliance'));
    await visible(page.getByRole('list').getByRole('link').first());
    await expectAccessible(page, 'the compliance overview');

    await page.goto('/compliance/proof_of_address');
    await visible(page.getByText(customer.fullName).first(), 15_000);
    await expectAccessible(page, 'the proof-of-address queue');

    await checkPersonPage(page, 'compliance');
    await checkIdentificationPage(page, 'compliance');
  });

  test('compliance: the audit trail', async ({ page, signIn }) => {
    await signIn('compliance');
    await checkAuditPage(page, 'compliance');
  });

  test('team lead: metrics and a drill-down', SEVERAL_PAGES, async ({ page, signIn }) => {
    await signIn('team_lead');
    await page.goto('/metrics');
    await visible(h1(page, 'Metrics'));
    await visible(page.getByRole('figure').first(), 15_000);
    await expectAccessible(page, 'the metrics page');

    const today = berlinCalendarDate(new Date());
    await page.goto(`/metrics/drill-down?from=${addMonthsClamped(today, -1)}&to=${today}&kind=funnel&step=persons_created`);
    await visible(h1(page, /^Persons who reached/));
    await visible(page.getByRole('table').first(), 15_000);
    await expectAccessible(page, 'the metrics drill-down');
  });

  test('admin: system status, webhooks and the audit trail', SEVERAL_PAGES, async ({ page, signIn }) => {
    await signIn('admin');
    await page.goto('/status');
    await visible(h1(page, 'System status'));
    await expectAccessible(page, 'the system status page');

    await page.goto('/admin/webhooks');
    await visible(h1(page, 'Webhooks'));
    await visible(page.getByRole('table').first(), 15_000);
    await expectAccessible(page, 'the webhooks page');

    await checkAuditPage(page, 'admin');
  });
});
