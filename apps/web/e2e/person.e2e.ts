import {
  addDays,
  addMonthsClamped,
  berlinCalendarDate,
  proofOfAddressExpiresOn,
} from '@identdesk/domain';
import type { Page } from 'playwright-core';
import { beforeAll, describe } from 'vitest';
import { createCustomer, uniqueLastName, type CreatedCustomer } from './customers.ts';
import { expect, inject, screenshot, test, visible } from './fixtures.ts';

/** The smallest file that is a PDF by its bytes (the server sniffs the content, not the name). */
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const today = () => berlinCalendarDate(new Date());

let changed: CreatedCustomer;
let plain: CreatedCustomer;

beforeAll(async () => {
  const baseURL = inject('baseURL');
  // CHANGEALL: the IDnow agent corrects every field during the call, so the history has a diff.
  [changed, plain] = await Promise.all([
    createCustomer(baseURL, { firstName: 'Käthe', lastName: uniqueLastName('Schröder'), scenario: 'CHANGEALL' }),
    createCustomer(baseURL, {
      firstName: 'Jörg',
      lastName: uniqueLastName('Weiß'),
      birthDate: '1979-03-08',
      nationality: 'AT',
      scenario: 'HAPPYPATH',
    }),
  ]);
}, 60_000);

async function openPerson(page: Page, personId: string) {
  await page.goto(`/persons/${personId}`);
  await visible(page.getByRole('region', { name: 'Identity and contact' }));
}

function proofDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Record proof of address' });
}

async function openProofDialog(page: Page) {
  await page.getByRole('button', { name: 'Record proof of address' }).click();
  const dialog = proofDialog(page);
  await visible(dialog);
  return dialog;
}

describe('person page', () => {
  test('shows identity, contact, address and the identification', async ({ page, signIn }) => {
    await signIn('agent');
    await openPerson(page, plain.personId);

    await visible(page.getByRole('heading', { level: 1, name: plain.fullName }));
    const identity = page.getByRole('region', { name: 'Identity and contact' });
    expect(await identity.textContent()).toContain('08 Mar 1979');
    expect(await identity.textContent()).toContain(plain.email ?? '');
    expect(await identity.textContent()).toContain(plain.mobileNumber);
    expect(await identity.textContent()).toContain('Austria');
    expect(await page.getByRole('region', { name: 'Addresses' }).textContent()).toContain('13353 Berlin');

    const identifications = page.getByRole('region', { name: 'Identifications' });
    await visible(identifications.getByText('Successful', { exact: true }));
    // No ID document of Austria prints the address: the customer owes a proof of address.
    const proof = page.getByRole('region', { name: 'Proof of address' });
    expect(await proof.textContent()).toMatch(/Needed/);
    expect(await page.title()).toBe('Customer · Identdesk');
    await screenshot(page, 'person-agent');

    await identifications.getByRole('link').first().click();
    await page.waitForURL(`**/identifications/${plain.identificationId}`);
  });

  test('shows what the IDnow agent corrected during the call as before → after', async ({ page, signIn }) => {
    await signIn('agent');
    await openPerson(page, changed.personId);

    const history = page.getByRole('region', { name: 'Data changes' });
    await visible(history.getByText('Corrected by the IDnow agent during the video call'));
    const lastName = history.getByRole('row').filter({ hasText: 'Last name' }).first();
    const cells = await lastName.getByRole('cell').allTextContents();
    expect(cells[1]).toBe(changed.lastName);
    expect(cells[2]).not.toBe(changed.lastName);
    // The heading shows the corrected name, not the one typed at sign-up.
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    expect(heading).not.toContain(changed.lastName);
    await screenshot(page, 'person-history');
  });

  test('compliance sees the page read-only', async ({ page, signIn }) => {
    await signIn('compliance');
    await openPerson(page, plain.personId);
    await visible(page.getByRole('region', { name: 'Proof of address' }).getByText(/Agents record proofs of address/));
    expect(await page.getByRole('button', { name: 'Record proof of address' }).count()).toBe(0);
  });

  test('says so when no customer has the id', async ({ page, signIn, expectedConsoleErrors }) => {
    expectedConsoleErrors.push(/status of 404/, /No customer has this id/);
    await signIn('agent');
    await page.goto(`/persons/${'0'.repeat(32)}cper`);
    await visible(page.getByText('No customer with this id'));
    await page.getByRole('link', { name: 'Search for the customer' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Search' }));
  });
});

describe('recording a proof of address', () => {
  test('records a gas bill with its scan; it waits for compliance and the list shows it', async ({ page, signIn }) => {
    await signIn('agent');
    await openPerson(page, plain.personId);
    const dialog = await openProofDialog(page);

    const issuedOn = addMonthsClamped(today(), -1);
    await dialog.getByLabel('Type of proof').selectOption({ label: 'Gas bill' });
    await dialog.getByLabel('Issue date').fill(issuedOn);
    await visible(dialog.getByText(/Recent enough: it counts until/));
    await dialog.getByLabel('File').setInputFiles({ name: 'gasrechnung.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await dialog.getByLabel('Note').fill('Sent by post, original seen.');
    await screenshot(page, 'person-record-proof-filled');
    await dialog.getByRole('button', { name: 'Record proof of address' }).click();

    await visible(page.getByRole('status').filter({ hasText: 'Recorded: Gas bill' }));
    expect(await dialog.count()).toBe(0);
    const recorded = page.getByRole('table', { name: 'Recorded proofs of address' });
    const row = recorded.getByRole('row').filter({ hasText: 'Gas bill' });
    await visible(row);
    expect(await row.textContent()).toContain('Waiting for compliance');
    expect(await row.textContent()).toContain('gasrechnung.pdf');
    expect(await page.getByRole('region', { name: 'Proof of address' }).textContent()).toContain('In review');
    await screenshot(page, 'person-proof-recorded');
  });

  test('refuses an issue date older than six months while it is typed, naming the expiry date', async ({ page, signIn }) => {
    await signIn('agent');
    await openPerson(page, plain.personId);
    const dialog = await openProofDialog(page);

    const issuedOn = addDays(addMonthsClamped(today(), -7), -3);
    await dialog.getByLabel('Issue date').fill(issuedOn);
    const message = `Proof of address must not be older than 6 months: it expired on ${proofOfAddressExpiresOn(issuedOn)}`;
    await visible(dialog.getByText(message));
    expect(await dialog.getByLabel('Issue date').getAttribute('aria-invalid')).toBe('true');

    await dialog.getByLabel('Type of proof').selectOption({ label: 'Electricity bill' });
    await dialog.getByLabel('File').setInputFiles({ name: 'strom.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await dialog.getByRole('button', { name: 'Record proof of address' }).click();
    await visible(dialog.getByRole('alert').filter({ hasText: 'The proof was not recorded' }));
    await screenshot(page, 'person-record-proof-too-old');
    // Nothing was stored.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('table', { name: 'Recorded proofs of address' }).getByText('Electricity bill').count()).toBe(0);
  });

  test('refuses a file that is not a PDF, JPEG or PNG: by its type here, by its bytes on the server', async ({
    page,
    signIn,
    expectedConsoleErrors,
  }) => {
    expectedConsoleErrors.push(/status of 400/);
    await signIn('agent');
    await openPerson(page, plain.personId);
    const dialog = await openProofDialog(page);
    await dialog.getByLabel('Type of proof').selectOption({ label: 'Water bill' });
    await dialog.getByLabel('Issue date').fill(addDays(today(), -10));

    await dialog.getByLabel('File').setInputFiles({ name: 'bill.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
    await visible(dialog.getByText('Choose a PDF, JPEG or PNG file: “bill.txt” is of type text/plain'));

    // A text file renamed to .pdf passes the browser's check; the server reads the bytes.
    await dialog.getByLabel('File').setInputFiles({ name: 'bill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('plain text, renamed') });
    await dialog.getByRole('button', { name: 'Record proof of address' }).click();
    const file = dialog.getByLabel('File');
    await expect.poll(() => file.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await file.getAttribute('aria-describedby')) ?? '';
    const fileError = await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent();
    expect(fileError).toMatch(/PDF|JPEG|PNG/);
    await screenshot(page, 'person-record-proof-wrong-file');
  });

  test('refuses a proof without its type and puts the cursor on that field', async ({ page, signIn }) => {
    await signIn('agent');
    await openPerson(page, plain.personId);
    const dialog = await openProofDialog(page);
    await dialog.getByLabel('Issue date').fill(addDays(today(), -5));
    await dialog.getByLabel('File').setInputFiles({ name: 'meldebescheinigung.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await dialog.getByRole('button', { name: 'Record proof of address' }).click();

    await visible(dialog.getByText('Choose the kind of proof of address'));
    const type = dialog.getByLabel('Type of proof');
    expect(await type.getAttribute('aria-invalid')).toBe('true');
    expect(await type.evaluate((element) => element === document.activeElement)).toBe(true);
  });
});
