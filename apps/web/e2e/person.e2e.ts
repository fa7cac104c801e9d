import {
  addDays,
  addMonthsClamped,
  berlinCalendarDate,
  proofOfAddressExpiresOn,
} from '@identdesk/domain';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe } from 'vitest';
import { createCustomer, uniqueLastName, type CreatedCustomer } from './customers.ts';
import { expect, inject, screenshot, test, visible } from './fixtures.ts';

/** The smallest file that is a PDF by its bytes (the server sniffs the content, not the name). */
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const today = () => berlinCalendarDate(new Date());

let changed: CreatedCustomer;
let plain: CreatedCustomer;
/** Signed the terms on a day of its own, the own economic interest declaration later, in a branch. */
const PLAIN_CONSENT_AT = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000 - 17 * 60 * 1000);
const PLAIN_OWN_ECONOMIC_INTEREST_AT = new Date(Date.now() - 2 * 60 * 60 * 1000);
const PLAIN_BRANCH = 'BERLIN_MITTE';

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
      consentAt: PLAIN_CONSENT_AT,
      ownEconomicInterestSignedAt: PLAIN_OWN_ECONOMIC_INTEREST_AT,
      branch: PLAIN_BRANCH,
    }),
  ]);
}, 60_000);

async function openPerson(page: Page, personId: string) {
  await page.goto(`/persons/${personId}`);
  await visible(page.getByRole('region', { name: 'Identity and contact' }));
}

/** The value shown under a term of a panel's facts (`<dt>` → its `<dd>`). */
function fact(panel: Locator, term: string): Locator {
  return panel.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
}

/** The instant a fact shows (its `<time datetime>`) and the text the agent reads. */
async function instantShown(panel: Locator, term: string): Promise<{ at: string | null; text: string }> {
  const time = fact(panel, term).locator('time');
  return { at: await time.getAttribute('datetime'), text: ((await time.textContent()) ?? '').trim() };
}

/** An instant as the page writes it (`26 Nov 2026, 07:04:05`), in the browser's own time zone. */
async function asShownInTheBrowser(page: Page, at: Date): Promise<string> {
  return page.evaluate(
    (iso) =>
      new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
        new Date(iso),
      ),
    at.toISOString(),
  );
}

function proofDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Record proof of address' });
}

async function openProofDialog(page: Page) {
  // The page's queries must have answered first: a panel rendered again by a late answer drops a
  // dialog opened a moment before (seen once in CI as a click that opened nothing).
  await page.waitForLoadState('networkidle');
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
    await expect.poll(() => page.title()).toBe('Customer · Identdesk');
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

  test('shows when the customer consented, their branch and what Solaris compliance holds about them', async ({ page, signIn }) => {
    await signIn('compliance');
    await openPerson(page, plain.personId);
    const panel = page.getByRole('region', { name: 'Consent and compliance' });
    await visible(panel);

    for (const term of ['Terms and conditions signed', 'Data processing terms signed']) {
      const shown = await instantShown(panel, term);
      expect(new Date(shown.at ?? '').getTime(), term).toBe(PLAIN_CONSENT_AT.getTime());
      expect(shown.text, term).toBe(await asShownInTheBrowser(page, PLAIN_CONSENT_AT));
    }
    const ownInterest = await instantShown(panel, 'Own economic interest signed');
    expect(new Date(ownInterest.at ?? '').getTime()).toBe(PLAIN_OWN_ECONOMIC_INTEREST_AT.getTime());
    expect(ownInterest.text).toBe(await asShownInTheBrowser(page, PLAIN_OWN_ECONOMIC_INTEREST_AT));
    expect(await fact(panel, 'Branch').textContent()).toBe(PLAIN_BRANCH);

    // What the sandbox's Solaris holds for a new customer, in words, with Solaris' code at hand.
    const compliance: [string, string, string][] = [
      ['Screening progress', 'Not screened', 'NOT_SCREENED'],
      ['Risk classification', 'Not scored', 'NOT_SCORED'],
      ['Customer vetting', 'Not vetted', 'NOT_VETTED'],
    ];
    for (const [term, words, code] of compliance) {
      expect(await fact(panel, term).textContent(), term).toBe(words);
      expect(await fact(panel, term).locator('span').getAttribute('title'), term).toBe(code);
    }
    expect(await fact(panel, 'Flagged by compliance').textContent()).toBe('No');
    expect(await panel.getByText('Flagged by compliance', { exact: true }).count()).toBe(1);
    await screenshot(page, 'person-consent-and-compliance');

    // A customer who never signed the own economic interest declaration, outside any branch: said in words.
    await openPerson(page, changed.personId);
    const other = page.getByRole('region', { name: 'Consent and compliance' });
    expect(await fact(other, 'Own economic interest signed').textContent()).toBe('Not signed');
    expect(await fact(other, 'Branch').textContent()).toBe('No branch');
    expect(new Date((await instantShown(other, 'Terms and conditions signed')).at ?? '').getTime()).toBe(
      new Date(changed.consentAt).getTime(),
    );
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
    // The server's refusal comes after the upload.
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
