import { addMonthsClamped, berlinCalendarDate } from '@identdesk/domain';
import type { Page } from 'playwright-core';
import { beforeAll, describe } from 'vitest';
import { expectAccessible } from './axe.ts';
import { createCustomer, proposeChange, uniqueLastName, type CreatedCustomer } from './customers.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, inject, test, visible } from './fixtures.ts';

/**
 * Every main page of every role, checked with axe against WCAG 2.1 A and AA: no serious or
 * critical violation. Screen-reader and keyboard users work the same queues as everyone else,
 * so a page that fails here fails a person at work. A violation is printed with its rule, its
 * impact, the elements it was found on and where axe explains the fix.
 */

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

// One identified customer (with IDnow's documents) and a proof of address waiting for review;
// one waiting for the call, whose data an agent changes; one with a change waiting for compliance.
let customer: CreatedCustomer;
let waiting: CreatedCustomer;
let proposed: CreatedCustomer;
beforeAll(async () => {
  const baseURL = inject('baseURL');
  [customer, waiting, proposed] = await Promise.all([
    createCustomer(baseURL, { firstName: 'Agnes', lastName: uniqueLastName('Zugang'), scenario: 'HAPPYPATH' }),
    createCustomer(baseURL, { firstName: 'Wanda', lastName: uniqueLastName('Zugang'), scenario: 'PENDING' }),
    createCustomer(baseURL, { firstName: 'Paul', lastName: uniqueLastName('Zugang'), scenario: 'PENDING' }),
  ]);
  await recordProofOfAddress(baseURL, customer);
  await proposeChange(
    baseURL,
    'agent',
    proposed.personId,
    { email: 'paul.zugang.neu@example.com', job_title: 'Schreiner' },
    'Customer called, confirmed with the security questions.',
  );
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

    // As in person.e2e.ts: the page's queries must have answered first, or a late answer drops
    // the dialog opened a moment before.
    await page.waitForLoadState('networkidle');
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
    // The overview's cards, not the main navigation's links (a list too, there before them).
    await visible(page.getByRole('region', { name: 'Overview', exact: true }).getByRole('link').first());
    await expectAccessible(page, 'the compliance overview');

    await page.goto('/compliance/proof_of_address');
    await visible(page.getByText(customer.fullName).first(), 15_000);
    await expectAccessible(page, 'the proof-of-address queue');

    await checkPersonPage(page, 'compliance');
    await checkIdentificationPage(page, 'compliance');
  });

  test('agent: the change form with its refusals and its review step, and the new identification panel', SEVERAL_PAGES, async ({
    page,
    signIn,
  }) => {
    await signIn('agent');
    await page.goto(`/persons/${waiting.personId}/change`);
    await visible(page.getByRole('group', { name: 'Residence address' }));
    await expectAccessible(page, 'the change form');

    // Refused before anything is sent: a freelancer without a NACE code, a postcode of the wrong format.
    await page.getByLabel('Employment status').selectOption('FREELANCER');
    await page.getByRole('group', { name: 'Residence address' }).getByLabel('Postal code').fill('1011');
    await page.getByRole('button', { name: 'Review the change' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Correct the marked fields' }));
    // The postcode's refusal comes with the address check's answer, after a pause in typing.
    await visible(page.getByRole('group', { name: 'Residence address' }).getByText(/five digits/));
    await expectAccessible(page, 'the change form with refused fields');

    await page.getByLabel('Employment status').selectOption({ index: 0 });
    await page.getByRole('group', { name: 'Residence address' }).getByLabel('Postal code').fill('13353');
    await page.getByRole('textbox', { name: 'Email' }).fill('wanda.zugang.neu@example.com');
    await page.getByLabel(/Note for compliance/).fill('Customer asked by phone, confirmed with the security questions.');
    await page.getByRole('button', { name: 'Review the change' }).click();
    await visible(page.getByRole('region', { name: 'Review the change before sending it' }));
    await expectAccessible(page, 'the change’s review step');

    // Waiting for the call: the panel says why no new identification can be started.
    await page.goto(`/identifications/${waiting.identificationId}`);
    const panel = page.getByRole('region', { name: 'New identification' });
    await visible(panel.getByRole('list', { name: 'Why no new identification can be started' }));
    await expectAccessible(page, 'the identification page with the new identification panel');
  });

  test('compliance: the customer data changes queue with a proposal and its decision dialog', SEVERAL_PAGES, async ({ page, signIn }) => {
    await signIn('compliance');
    await page.goto('/compliance/person_changes');
    await page.getByRole('link', { name: `Review the change to ${proposed.fullName}` }).click();
    const review = page.getByRole('region', { name: `Review: ${proposed.fullName}` });
    await visible(review);
    await expectAccessible(page, 'the customer data changes queue with a proposal selected');

    await review.getByRole('button', { name: 'Approve…' }).click();
    await visible(page.getByRole('dialog'));
    await expectAccessible(page, 'the decision dialog of a customer data change');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await review.getByRole('button', { name: 'Reject…' }).click();
    const dialog = await visible(page.getByRole('dialog'));
    // A rejection without its reason is refused in words.
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await visible(dialog.getByText('Give a reason of at least 3 characters.'));
    await expectAccessible(page, 'the rejection dialog of a customer data change, refused without a reason');
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
