import { deflateSync, crc32 } from 'node:zlib';
import { berlinCalendarDate } from '@identdesk/domain';
import type { Locator, Page } from 'playwright-core';
import { describe } from 'vitest';
import { createCustomer, uniqueLastName, type CreatedCustomer } from './customers.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, screenshot, tabTo, test, visible, type DemoRole } from './fixtures.ts';
import { startServer, type RunningServer } from './server-process.ts';

/**
 * The compliance reviewer's day, through every queue, in Chromium, on a server of this file's
 * own: the queues' counts are then exactly what this file created, and the sandbox clock can be
 * moved without disturbing other test files (an overdue review needs 25 hours to pass).
 *
 * Customers come from the sandbox's IDnow test scenarios (e2e/customers.ts) and proofs of address
 * from the agent's real upload route; nothing is written to Identdesk's database directly.
 */

const SANDBOX = '/sandbox/solaris';
const HOUR = 60 * 60 * 1000;

interface QueueData {
  reversed: CreatedCustomer;
  fraud: CreatedCustomer;
  changed: CreatedCustomer;
  overdue: CreatedCustomer;
  proofs: { customer: CreatedCustomer; fileName: string }[];
}

async function sandboxToken(baseURL: string): Promise<string> {
  const response = await fetch(`${baseURL}${SANDBOX}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('identdesk-sandbox:sandbox-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=partners',
  });
  if (!response.ok) throw new Error(`sandbox token: HTTP ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function setSandboxClock(baseURL: string, now: Date) {
  const response = await fetch(`${baseURL}${SANDBOX}/_control/clock/set`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: now.toISOString() }),
  });
  if (!response.ok) throw new Error(`sandbox clock/set: HTTP ${response.status} ${await response.text()}`);
}

/**
 * Unsubscribes Identdesk from Solaris' IDENTIFICATION webhooks, as if the deliveries were lost
 * on the way: whatever IDnow decides from now on, Identdesk does not hear of it.
 */
async function loseIdentificationWebhooks(baseURL: string) {
  const headers = { authorization: `Bearer ${await sandboxToken(baseURL)}` };
  const list = await fetch(`${baseURL}${SANDBOX}/v1/webhooks`, { headers });
  if (!list.ok) throw new Error(`sandbox GET /v1/webhooks: HTTP ${list.status}`);
  const subscriptions = (await list.json()) as { id: string; event_type: string }[];
  const identification = subscriptions.filter((subscription) => subscription.event_type === 'IDENTIFICATION');
  if (identification.length === 0) throw new Error('Identdesk has no IDENTIFICATION subscription in the sandbox');
  for (const subscription of identification) {
    const removed = await fetch(`${baseURL}${SANDBOX}/v1/webhooks/${subscription.id}`, { method: 'DELETE', headers });
    if (!removed.ok) throw new Error(`sandbox DELETE /v1/webhooks/${subscription.id}: HTTP ${removed.status}`);
  }
}

/** A one-page PDF that says `text`, with a correct cross-reference table, so pdf.js draws it. */
function pdfSaying(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A small grey PNG, as a phone photo of a letter would arrive (sniffed as image/png by the server). */
function greyPng(width = 120, height = 80): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0xc8);
  for (let row = 0; row < height; row += 1) rows[row * (width + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The agent records a proof of address through the real upload route, as the person page does. */
async function recordProofAsAgent(
  baseURL: string,
  personId: string,
  proof: { type: string; issuedOn: string; note: string; fileName: string; contentType: string; bytes: Buffer },
) {
  const login = await fetch(`${baseURL}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1' },
    body: JSON.stringify({ email: DEMO_ACCOUNTS.agent.email, password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const form = new FormData();
  form.set('type', proof.type);
  form.set('issuedOn', proof.issuedOn);
  form.set('note', proof.note);
  form.set('file', new Blob([new Uint8Array(proof.bytes)], { type: proof.contentType }), proof.fileName);
  const response = await fetch(`${baseURL}/api/persons/${personId}/proof-of-address`, {
    method: 'POST',
    headers: { cookie, 'x-identdesk-csrf': '1' },
    body: form,
  });
  if (response.status !== 201) throw new Error(`recording a proof of address: HTTP ${response.status} ${await response.text()}`);
}

async function createQueueData(baseURL: string): Promise<QueueData> {
  // Austrian customers: no Austrian ID document prints the address, so they need a proof.
  const needsProof = { nationality: 'AT', scenario: 'HAPPYPATH' as const };
  const [reversed, fraud, changed, approveMe, rejectMe, resubmitMe, contested] = await Promise.all([
    createCustomer(baseURL, { firstName: 'Renate', lastName: uniqueLastName('Brückner'), scenario: 'CANCELED' }),
    createCustomer(baseURL, { firstName: 'Fritz', lastName: uniqueLastName('Falk'), scenario: 'FRAUDIDENT' }),
    createCustomer(baseURL, { firstName: 'Chiara', lastName: uniqueLastName('Wechsler'), scenario: 'CHANGEALL' }),
    createCustomer(baseURL, { firstName: 'Anna', lastName: uniqueLastName('Gruber'), ...needsProof }),
    createCustomer(baseURL, { firstName: 'Rainer', lastName: uniqueLastName('Huber'), ...needsProof }),
    createCustomer(baseURL, { firstName: 'Sophie', lastName: uniqueLastName('Wagner'), ...needsProof }),
    createCustomer(baseURL, { firstName: 'Konstantin', lastName: uniqueLastName('Zweig'), ...needsProof }),
  ]);
  const today = berlinCalendarDate(new Date());
  const proofs = [
    { customer: approveMe, fileName: 'gasrechnung.pdf', type: 'GAS_BILL', contentType: 'application/pdf', bytes: pdfSaying('Gasrechnung Anna Gruber') },
    { customer: rejectMe, fileName: 'strom.png', type: 'ELECTRICITY_BILL', contentType: 'image/png', bytes: greyPng() },
    { customer: resubmitMe, fileName: 'meldezettel.pdf', type: 'CERTIFICATE_OF_REGISTRATION', contentType: 'application/pdf', bytes: pdfSaying('Meldezettel') },
    { customer: contested, fileName: 'kontoauszug.pdf', type: 'BANK_ACCOUNT_STATEMENT', contentType: 'application/pdf', bytes: pdfSaying('Kontoauszug') },
  ];
  for (const proof of proofs) {
    await recordProofAsAgent(baseURL, proof.customer.personId, { ...proof, issuedOn: today, note: 'Sent by post, original seen.' });
  }

  // An IDnow review that overruns 24 hours: a LONGREVIEW customer called 25 hours ago (on the
  // sandbox clock, which Identdesk shares), whose review result is then lost on its way.
  const now = new Date();
  await setSandboxClock(baseURL, new Date(now.getTime() - 25 * HOUR));
  const overdue = await createCustomer(baseURL, {
    firstName: 'Oskar',
    lastName: uniqueLastName('Langer'),
    scenario: 'LONGREVIEW',
    outcome: 'preliminary',
  });
  await loseIdentificationWebhooks(baseURL);
  await setSandboxClock(baseURL, now);

  return { reversed, fraud, changed, overdue, proofs: proofs.map(({ customer, fileName }) => ({ customer, fileName })) };
}

const complianceTest = test
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
  .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<RunningServer> => {
    const server = await startServer({
      // Reconciliation would find the lost review result; this file wants it to stay lost.
      prepare: async (env) => {
        env.RECONCILE_INTERVAL_MINUTES = '0';
      },
    });
    onCleanup(() => server.stop());
    return server;
  })
  .extend('queues', { scope: 'file' }, ({ server }) => createQueueData(server.baseURL));

/**
 * Signs the page in as a demo user of this file's server (the shared fixtures sign in on the
 * shared server): auth.login over HTTP, and the session cookie into the page's browser context.
 */
async function signInOn(page: Page, baseURL: string, role: DemoRole): Promise<string> {
  const response = await fetch(`${baseURL}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1' },
    body: JSON.stringify({ email: DEMO_ACCOUNTS[role].email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`auth.login as ${role}: HTTP ${response.status}`);
  const [pair = ''] = (response.headers.getSetCookie()[0] ?? '').split(';');
  const separator = pair.indexOf('=');
  await page.context().addCookies([
    { name: pair.slice(0, separator), value: pair.slice(separator + 1), url: baseURL, httpOnly: true, sameSite: 'Strict' },
  ]);
  return pair;
}

async function openQueue(page: Page, label: string) {
  const tabs = page.getByRole('navigation', { name: 'Compliance queues' });
  await tabs.getByRole('link', { name: new RegExp(`^${label}`) }).click();
  await visible(page.getByRole('region', { name: label }));
}

function rowOf(page: Page, name: string): Locator {
  return page.getByRole('row').filter({ hasText: name });
}

async function acknowledge(page: Page, customer: CreatedCustomer, buttonName: string, note: string) {
  const row = rowOf(page, customer.fullName);
  await row.getByRole('button', { name: `${buttonName}: ${customer.fullName}` }).click();
  const dialog = page.getByRole('dialog');
  await visible(dialog);
  // Too short a note is refused before anything is sent, with the rule in words.
  await dialog.getByLabel('Note').fill('done');
  await dialog.getByRole('button', { name: buttonName, exact: true }).click();
  await visible(dialog.getByText('Write at least 10 characters'));
  await dialog.getByLabel('Note').fill(note);
  await dialog.getByRole('button', { name: buttonName, exact: true }).click();
  await visible(page.getByRole('status').filter({ hasText: `${buttonName}: ${customer.fullName}` }));
  // The notice comes with the answer to the acknowledgement, the row goes with the queue's reload
  // after it: a second round trip.
  await expect.poll(() => rowOf(page, customer.fullName).count()).toBe(0);
}

async function tabCount(page: Page, label: string): Promise<string> {
  const tab = page.getByRole('navigation', { name: 'Compliance queues' }).getByRole('link', { name: new RegExp(`^${label}`) });
  return (await tab.textContent()) ?? '';
}

describe('compliance queues', () => {
  // The first test also starts this file's server and creates the customers (a minute or two here).
  complianceTest('the overview shows every queue with its open count and the age of its oldest item', { timeout: 300_000 }, async ({ page, server, queues }) => {
    await signInOn(page, server.baseURL, 'compliance');
    await page.goto(`${server.baseURL}/`);
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compliance' });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { level: 1, name: 'Compliance' }));
    await expect.poll(() => page.title()).toBe('Compliance · Identdesk');

    // The overview's own cards: the main navigation is a list of links too, shown before them.
    const cards = page.getByRole('region', { name: 'Overview', exact: true }).getByRole('list').getByRole('link');
    await visible(cards.first());
    const text = async (label: string) => (await cards.filter({ hasText: label }).textContent()) ?? '';
    expect(await text('Proof of address')).toMatch(/4\s*open/);
    expect(await text('Reversed successes')).toMatch(/1\s*open/);
    expect(await text('Fraud suspicion')).toMatch(/1\s*open/);
    expect(await text('Data changed in the call')).toMatch(/1\s*open/);
    expect(await text('Review overdue')).toMatch(/1\s*open\s*Oldest waiting 2[45] h/);
    expect(queues.overdue.status).toBe('pending_successful');
    await screenshot(page, 'compliance-overview');
  });

  complianceTest('reversed success: the reviewer blocks the account and acknowledges it with a note', async ({ page, server, queues }) => {
    await signInOn(page, server.baseURL, 'compliance');
    await page.goto(`${server.baseURL}/compliance`);
    await openQueue(page, 'Reversed successes');
    const row = rowOf(page, queues.reversed.fullName);
    await visible(row);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Canceled');
    expect(text).toContain('Review pending → Canceled in review');
    expect(text).toContain('BAD_PHOTO_QUALITY');
    expect(text).toContain('The bank account must be blocked');
    expect(await row.getByRole('link', { name: queues.reversed.fullName, exact: true }).getAttribute('href')).toBe(`/persons/${queues.reversed.personId}`);
    expect(await row.getByRole('link', { name: `Identification of ${queues.reversed.fullName}` }).getAttribute('href')).toBe(
      `/identifications/${queues.reversed.identificationId}`,
    );
    await screenshot(page, 'compliance-reversed-successes');

    await acknowledge(page, queues.reversed, 'Bank account blocked', 'Blocked in core banking, ticket OPS-4711');
    await visible(page.getByText('No reversed success is waiting'));
    // The tabs' counts are a query of their own, answered apart from the queue's.
    await expect.poll(() => tabCount(page, 'Reversed successes')).toContain('0');

    // The audit trail names who acknowledged it, for which customer, and why.
    await page.goto(`${server.baseURL}/audit?action=compliance.acknowledged`);
    const event = page.getByRole('row').filter({ hasText: 'Acknowledged a compliance queue item' });
    await visible(event);
    expect(await event.textContent()).toContain('Blocked in core banking, ticket OPS-4711');
    expect(await event.textContent()).toContain(queues.reversed.personId);
  });

  complianceTest('fraud suspicion: the reviewer marks FRAUDIDENT as reviewed', async ({ page, server, queues }) => {
    await signInOn(page, server.baseURL, 'compliance');
    await page.goto(`${server.baseURL}/compliance/fraud_suspicion`);
    await visible(page.getByRole('region', { name: 'Fraud suspicion' }));
    await expect.poll(() => page.title()).toBe('Fraud suspicion · Compliance · Identdesk');
    const tab = page.getByRole('navigation', { name: 'Compliance queues' }).getByRole('link', { name: /^Fraud suspicion/ });
    expect(await tab.getAttribute('aria-current')).toBe('page');
    const row = rowOf(page, queues.fraud.fullName);
    await visible(row);
    expect(await row.textContent()).toContain('Fraud suspicion, in review → Fraud suspicion confirmed');
    expect(await row.textContent()).toContain('Failed');
    await screenshot(page, 'compliance-fraud-suspicion');
    await acknowledge(page, queues.fraud, 'Reviewed', 'Compared with the IDnow report; reported to the MLRO.');
    await visible(page.getByText('No fraud suspicion is waiting for review.'));
  });

  complianceTest('data changed: the reviewer sees which fields IDnow corrected and marks it reviewed', async ({ page, server, queues }) => {
    await signInOn(page, server.baseURL, 'compliance');
    await page.goto(`${server.baseURL}/compliance/data_changed`);
    const region = page.getByRole('region', { name: 'Data changed in the call' });
    // CHANGEALL corrected every field, the name too: the row shows the name as IDnow corrected it.
    const row = region.getByRole('row').filter({ has: page.getByRole('link', { name: /^Identification of / }) });
    await visible(row);
    expect(await row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toMatch(/Changed during the call: .*First name.*Last name/);
    const customerLink = row.getByRole('link').first();
    expect(await customerLink.getAttribute('href')).toBe(`/persons/${queues.changed.personId}`);
    await screenshot(page, 'compliance-data-changed');
    const shownName = (await customerLink.textContent()) ?? '';
    await acknowledge(page, { ...queues.changed, fullName: shownName }, 'Reviewed', 'Corrected name matches the ID document.');
  });

  complianceTest('review overdue: a review running 25 hours shows with its age and is acknowledged', async ({ page, server, queues }) => {
    await signInOn(page, server.baseURL, 'compliance');
    await page.goto(`${server.baseURL}/compliance/review_overdue`);
    const row = rowOf(page, queues.overdue.fullName);
    await visible(row);
    const text = (await row.textContent()) ?? '';
    expect(text).toMatch(/Successful, in review for 2[45] hours/);
    expect(text).toMatch(/2[45] h/);
    await screenshot(page, 'compliance-review-overdue');
    await acknowledge(page, queues.overdue, 'Reviewed', 'Asked Solaris support, ticket SOL-118.');
    await visible(page.getByText('No IDnow review has run longer than 24 hours.'));
  });

  complianceTest('two reviewers on one proof: the second learns who decided it first, and the queue moves on', { timeout: 120_000 }, async ({ page, browser, server, queues, expectedConsoleErrors }) => {
    // The second decision is refused with 409 on purpose.
    expectedConsoleErrors.push(/status of 409/);
    const contested = queues.proofs[3];
    if (!contested) throw new Error('four proofs were recorded');
    const colleagueContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    try {
      const colleague = await colleagueContext.newPage();
      for (const reviewer of [page, colleague]) {
        await signInOn(reviewer, server.baseURL, 'compliance');
        await reviewer.goto(`${server.baseURL}/compliance/proof_of_address`);
        await rowOf(reviewer, contested.customer.fullName).getByRole('link', { name: /^Review/ }).click();
        await visible(reviewer.getByRole('region', { name: `Review: ${contested.customer.fullName}` }));
      }
      await page.getByRole('button', { name: 'Reject…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reject this proof of address' });
      await dialog.getByLabel('Reason').fill('The statement is older than six months.');

      await colleague.getByRole('button', { name: 'Approve…' }).click();
      await colleague.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
      await visible(colleague.getByRole('status').filter({ hasText: 'Approved the proof of address' }));

      await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
      const notice = page.getByRole('status').filter({ hasText: 'already decided (approved) by Casey Compliance' });
      await visible(notice);
      await expect.poll(() => rowOf(page, contested.customer.fullName).count()).toBe(0);
      await screenshot(page, 'compliance-proof-of-address-decided-elsewhere');
    } finally {
      await colleagueContext.close();
    }
  });

  complianceTest('proof of address: review with the file, approve, reject with a reason, ask for a new one', { timeout: 120_000 }, async ({ page, server, queues }) => {
    await signInOn(page, server.baseURL, 'compliance');
    await page.goto(`${server.baseURL}/compliance/proof_of_address`);
    await visible(page.getByRole('region', { name: 'Proof of address' }));
    const [approveMe, rejectMe, resubmitMe] = queues.proofs;
    if (!approveMe || !rejectMe || !resubmitMe) throw new Error('three proofs were recorded');
    for (const proof of [approveMe, rejectMe, resubmitMe]) await visible(rowOf(page, proof.customer.fullName));
    expect(await rowOf(page, approveMe.customer.fullName).textContent()).toContain('Alex Agent');
    await screenshot(page, 'compliance-proof-of-address');

    // Approve: the PDF is drawn beside the facts, the decision needs no reason.
    await rowOf(page, approveMe.customer.fullName).getByRole('link', { name: `Review the proof of address of ${approveMe.customer.fullName}` }).click();
    const review = page.getByRole('region', { name: `Review: ${approveMe.customer.fullName}` });
    await visible(review);
    expect(new URL(page.url()).searchParams.get('submission')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await review.textContent()).toContain('Sent by post, original seen.');
    await visible(review.locator('canvas').first(), 15_000);
    const fileLink = review.getByRole('link', { name: 'Open the file on its own page' });
    expect(await fileLink.getAttribute('href')).toMatch(/^\/proof-of-address\/[0-9a-f-]{36}\/file\?personId=/);
    await screenshot(page, 'compliance-proof-of-address-review');
    await review.getByRole('button', { name: 'Approve…' }).click();
    let dialog = page.getByRole('dialog', { name: 'Approve this proof of address' });
    await visible(dialog);
    await screenshot(page, 'compliance-proof-of-address-approve');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await visible(page.getByRole('status').filter({ hasText: `Approved the proof of address of ${approveMe.customer.fullName}.` }));
    await expect.poll(() => rowOf(page, approveMe.customer.fullName).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('submission')).toBeNull();

    // Reject: refused without a reason, in words, then done with one.
    await rowOf(page, rejectMe.customer.fullName).getByRole('link', { name: /^Review/ }).click();
    const rejectReview = page.getByRole('region', { name: `Review: ${rejectMe.customer.fullName}` });
    await visible(rejectReview.getByRole('img').first(), 15_000);
    await rejectReview.getByRole('button', { name: 'Reject…' }).click();
    dialog = page.getByRole('dialog', { name: 'Reject this proof of address' });
    await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
    await visible(dialog.getByText('Give a reason of at least 10 characters.'));
    await screenshot(page, 'compliance-proof-of-address-reject-refused');
    await dialog.getByLabel('Reason').fill('The photo cuts off the address; the name is not readable.');
    await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
    await visible(page.getByRole('status').filter({ hasText: `Rejected the proof of address of ${rejectMe.customer.fullName}.` }));
    // The list reloads after the decision: the next row is clicked once that answer is in, not
    // while the rows may still move under the pointer.
    await expect.poll(() => rowOf(page, rejectMe.customer.fullName).count()).toBe(0);

    // Ask for a new one, from the keyboard.
    await rowOf(page, resubmitMe.customer.fullName).getByRole('link', { name: /^Review/ }).click();
    const resubmitReview = page.getByRole('region', { name: `Review: ${resubmitMe.customer.fullName}` });
    await visible(resubmitReview);
    const ask = resubmitReview.getByRole('button', { name: 'Ask for a new one…' });
    await tabTo(page, ask);
    await page.keyboard.press('Enter');
    dialog = page.getByRole('dialog', { name: 'Ask the customer for a new proof of address' });
    await visible(dialog);
    await page.keyboard.type('Please send a Meldezettel issued this year.');
    await dialog.getByRole('button', { name: 'Ask for a new one', exact: true }).click();
    await visible(page.getByRole('status').filter({ hasText: `Asked for a new proof of address of ${resubmitMe.customer.fullName}.` }));

    await visible(page.getByText('No proof of address is waiting for a decision'));
    await expect.poll(() => tabCount(page, 'Proof of address')).toContain('0');
    await screenshot(page, 'compliance-proof-of-address-done');
  });

  complianceTest('an admin is told the queues are for compliance reviewers, and the server agrees', async ({ page, server }) => {
    const cookie = await signInOn(page, server.baseURL, 'admin');
    await page.goto(`${server.baseURL}/compliance/fraud_suspicion`);
    await visible(page.getByText('Compliance queues are for compliance reviewers'));
    await screenshot(page, 'compliance-admin-refused');
    const summary = await fetch(`${server.baseURL}/trpc/compliance.queueSummary`, {
      method: 'POST',
      headers: { cookie, 'x-identdesk-csrf': '1', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(summary.status).toBe(403);
  });
});
