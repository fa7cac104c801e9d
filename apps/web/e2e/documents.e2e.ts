import type { Page } from 'playwright-core';
import { describe } from 'vitest';
import { createCustomer, uniqueLastName, type CreatedCustomer } from './customers.ts';
import { expect, screenshot, test, visible } from './fixtures.ts';

/**
 * A PDF with one line of text per page (Helvetica, like the sandbox's KYC report), written by
 * hand so that a test can have as many pages as it needs: the sandbox's own report has one.
 */
function multiPagePdf(pageTexts: readonly string[]): Buffer {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'];
  const pageRefs: string[] = [];
  for (const text of pageTexts) {
    const content = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`;
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`);
    pageRefs.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${pageRefs.join(' ')}] /Count ${pageTexts.length} >>`;
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const toolbarText = (page: Page) => page.getByRole('toolbar', { name: /controls/ });
/** The viewer's scrolling area (exact: the identification page has "Documents" regions too). */
const documentViewport = (page: Page) => page.getByRole('region', { name: 'Document', exact: true });

/** How many pixels of the viewer's canvas are dark: more than none means pdf.js drew the page. */
async function darkPixelsOnCanvas(page: Page): Promise<number> {
  return documentViewport(page).locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let index = 0; index < data.length; index += 4) if ((data[index] ?? 255) < 128) dark += 1;
    return dark;
  });
}

// One identified customer (IDnow hands over a KYC report, a signature and the ID document) for
// the tests that only read their documents.
let identified: Promise<CreatedCustomer> | undefined;
function identifiedCustomer(baseURL: string) {
  identified ??= createCustomer(baseURL, { firstName: 'Doris', lastName: uniqueLastName('Dokument'), scenario: 'HAPPYPATH' });
  return identified;
}

async function openDocumentFromIdentification(page: Page, customer: CreatedCustomer, name: RegExp) {
  await page.goto(`/identifications/${customer.identificationId}`);
  const documents = await visible(page.getByRole('table', { name: 'Documents of the identification' }));
  await documents.getByRole('link', { name }).click();
  await page.waitForURL(/\/documents\/\w+cdoc\?/);
  await visible(documentViewport(page), 20_000);
}

/** Creating a customer plays an IDnow scenario through the sandbox and the webhook inbox first. */
const WITH_CUSTOMER = { timeout: 90_000 };

describe('document viewer', () => {
  test('an agent opens the KYC report from the identification and reads it in the page', WITH_CUSTOMER, async ({ page, baseURL, signIn }) => {
    const customer = await identifiedCustomer(baseURL);
    await signIn('agent');
    await openDocumentFromIdentification(page, customer, /^Open KYC report/);

    await visible(page.getByRole('heading', { level: 1, name: 'KYC report: kyc_report.pdf' }));
    const toolbar = toolbarText(page);
    // The sandbox's report has one page: there is no page 2 to go to.
    await visible(toolbar.getByText('Page 1 of 1'));
    await expect(toolbar.getByRole('button', { name: 'Next page' }).isDisabled()).resolves.toBe(true);
    await expect(toolbar.getByRole('button', { name: 'Previous page' }).isDisabled()).resolves.toBe(true);
    await visible(page.getByRole('img', { name: 'Page 1 of 1' }));
    await expect.poll(() => darkPixelsOnCanvas(page)).toBeGreaterThan(100);
    // The page's text is there for screen readers, and shows which identification it reports.
    await expect
      .poll(async () => (await documentViewport(page).textContent()) ?? '')
      .toContain(`Identification: ${customer.identificationId}`);

    // Zoom: from "fit width" to a chosen zoom, then the whole page.
    const zoomBefore = await toolbar.getByText(/^Zoom \d+ %$/).textContent();
    await toolbar.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => toolbar.getByText(/^Zoom \d+ %$/).textContent()).not.toBe(zoomBefore);
    await expect(toolbar.getByRole('button', { name: 'Fit width' }).getAttribute('aria-pressed')).resolves.toBe('false');
    await toolbar.getByRole('button', { name: 'Fit page' }).click();
    await expect(toolbar.getByRole('button', { name: 'Fit page' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(page, 'document-pdf');

    // The breadcrumb leads back to the identification.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Identification' }).click();
    await visible(page.getByRole('region', { name: 'What you can do now' }));
  });

  test('a proof of address of several pages is read page by page with the buttons and the keyboard', WITH_CUSTOMER, async ({ page, baseURL, signIn }) => {
    const customer = await createCustomer(baseURL, { firstName: 'Paul', lastName: uniqueLastName('Seiten'), scenario: 'PENDING' });
    await signIn('agent');
    const issuedOn = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const upload = await page.request.post(`/api/persons/${customer.personId}/proof-of-address`, {
      headers: { 'x-identdesk-csrf': '1' },
      multipart: {
        type: 'GAS_BILL',
        issuedOn,
        file: { name: 'Gasrechnung.pdf', mimeType: 'application/pdf', buffer: multiPagePdf(['Gas bill page one', 'Gas bill page two', 'Gas bill page three']) },
      },
    });
    expect(upload.status(), await upload.text()).toBe(201);
    const { submission } = (await upload.json()) as { submission: { id: string } };

    await page.goto(`/proof-of-address/${submission.id}/file?personId=${customer.personId}`);
    const toolbar = toolbarText(page);
    await visible(toolbar.getByText('Page 1 of 3'));
    const documentRegion = documentViewport(page);
    await expect.poll(async () => (await documentRegion.textContent()) ?? '').toContain('Gas bill page one');

    await toolbar.getByRole('button', { name: 'Next page' }).click();
    await visible(toolbar.getByText('Page 2 of 3'));
    await expect.poll(async () => (await documentRegion.textContent()) ?? '').toContain('Gas bill page two');

    // Keys work where the document has focus: Page Down/Up, arrows, Home and End.
    await documentRegion.focus();
    await page.keyboard.press('PageDown');
    await visible(toolbar.getByText('Page 3 of 3'));
    await expect(toolbar.getByRole('button', { name: 'Next page' }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('PageDown');
    await visible(toolbar.getByText('Page 3 of 3'));
    await page.keyboard.press('PageUp');
    await visible(toolbar.getByText('Page 2 of 3'));
    await page.keyboard.press('Home');
    await visible(toolbar.getByText('Page 1 of 3'));
    await page.keyboard.press('End');
    await visible(toolbar.getByText('Page 3 of 3'));
    await page.keyboard.press('ArrowLeft');
    await visible(toolbar.getByText('Page 2 of 3'));
    await expect.poll(async () => (await documentRegion.textContent()) ?? '').toContain('Gas bill page two');
    await expect.poll(() => darkPixelsOnCanvas(page)).toBeGreaterThan(100);
    await screenshot(page, 'document-proof-of-address');
  });

  test('a picture zooms, fits and rotates', WITH_CUSTOMER, async ({ page, baseURL, signIn }) => {
    const customer = await identifiedCustomer(baseURL);
    await signIn('agent');
    await openDocumentFromIdentification(page, customer, /^Open ID document/);

    const picture = await visible(page.getByRole('img', { name: 'ID document' }));
    const toolbar = toolbarText(page);
    // A scan starts fitted to the page, whole.
    await expect(toolbar.getByRole('button', { name: 'Fit page' }).getAttribute('aria-pressed')).resolves.toBe('true');
    const fitted = await picture.boundingBox();
    expect(fitted).not.toBeNull();
    // The sandbox's ID card is landscape.
    expect((fitted?.width ?? 0) > (fitted?.height ?? 0)).toBe(true);

    await toolbar.getByRole('button', { name: 'Zoom out' }).click();
    await expect.poll(async () => (await picture.boundingBox())?.width ?? 0).toBeLessThan(fitted?.width ?? 0);
    await toolbar.getByRole('button', { name: 'Zoom in' }).click();
    await toolbar.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => (await picture.boundingBox())?.width ?? 0).toBeGreaterThan(fitted?.width ?? 0);

    await toolbar.getByRole('button', { name: 'Rotate clockwise' }).click();
    await visible(toolbar.getByText('Rotated 90°'));
    await toolbar.getByRole('button', { name: 'Fit page' }).click();
    // A quarter turn stands the card on its side.
    await expect.poll(async () => {
      const box = await picture.boundingBox();
      return (box?.height ?? 0) > (box?.width ?? 0);
    }).toBe(true);
    // The same with the keyboard: R turns it back upright after three more quarters.
    await documentViewport(page).focus();
    for (const _ of [1, 2, 3]) await page.keyboard.press('r');
    await visible(toolbar.getByText('Not rotated'));
    await screenshot(page, 'document-picture');
  });

  test('Download saves the file under its name, with headers that keep it out of caches and scripts', WITH_CUSTOMER, async ({ page, baseURL, signIn }) => {
    const customer = await identifiedCustomer(baseURL);
    await signIn('agent');
    await openDocumentFromIdentification(page, customer, /^Open KYC report/);
    await visible(toolbarText(page).getByText('Page 1 of 1'));

    const downloadLink = toolbarText(page).getByRole('link', { name: 'Download' });
    const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
    expect(download.suggestedFilename()).toBe('kyc_report.pdf');
    expect(download.url()).toContain('disposition=attachment');

    const headers = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return { status: response.status, ...Object.fromEntries(response.headers.entries()) } as Record<string, string | number>;
    }, download.url());
    expect(headers.status).toBe(200);
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toMatch(/^attachment; filename="kyc_report\.pdf"/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toContain('no-store');
    expect(headers['content-security-policy']).toContain('sandbox');
  });

  test('a document that does not exist says so and what to do', async ({ page, signIn, expectedConsoleErrors }) => {
    expectedConsoleErrors.push(/status of 404/);
    await signIn('agent');
    await page.goto(`/documents/${'0'.repeat(32)}cdoc`);
    const alert = await visible(page.getByRole('alert'));
    await visible(alert.getByText('There is no such document'));
    await visible(alert.getByText(/Open the document again from the identification or the customer/));

    await page.goto('/documents/not-a-document');
    await visible(page.getByRole('heading', { level: 1, name: 'Document not found' }));
  });
});
