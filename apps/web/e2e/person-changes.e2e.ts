import { berlinCalendarDate } from '@identdesk/domain';
import type { Locator, Page } from 'playwright-core';
import { describe } from 'vitest';
import { createCustomer, proposeChange, solarisPerson, uniqueLastName, type CreatedCustomer } from './customers.ts';
import { expect, screenshot, signInOn, tabTo, test, visible } from './fixtures.ts';
import { startServer, type RunningServer } from './server-process.ts';

/**
 * Changes to a customer's data (issue #8), in Chromium, on a server of this file's own so the
 * "Customer data changes" queue holds exactly what this file proposed: the agent's change form
 * with its refusals and the address check while typing, compliance's four-eyes decision, the
 * PATCH reaching the Solaris sandbox, Solaris' refusal field by field, and a rejection.
 */

interface Customers {
  /** Proposes address and email through the form; compliance approves. */
  moving: CreatedCustomer;
  /** Address in Italy: Solaris refuses the residency for the default branch. */
  abroad: CreatedCustomer;
  /** An address the check cannot confirm, saved as the nearby address. */
  nearby: CreatedCustomer;
  /** An email change compliance rejects. */
  rejected: CreatedCustomer;
  /** Compliance proposes it themselves: they may not decide it. */
  ownProposal: CreatedCustomer;
}

const changesTest = test
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
  .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<RunningServer> => {
    const server = await startServer();
    onCleanup(() => server.stop());
    return server;
  })
  .extend('customers', { scope: 'file' }, async ({ server }): Promise<Customers> => {
    const create = (firstName: string, stem: string) =>
      createCustomer(server.baseURL, { firstName, lastName: uniqueLastName(stem), scenario: 'PENDING' });
    const [moving, abroad, nearby, rejected, ownProposal] = await Promise.all([
      create('Jana', 'Umzug'),
      create('Paola', 'Rossi'),
      create('Henrike', 'Neubau'),
      create('Till', 'Brandt'),
      create('Greta', 'Selbst'),
    ]);
    await proposeChange(
      server.baseURL,
      'agent',
      abroad.personId,
      { address: { line_1: 'Via del Corso', line_2: '12', postal_code: '00186', city: 'Roma', state: null, country: 'IT' } },
      'Customer moved to Rome, confirmed on the phone.',
    );
    await proposeChange(server.baseURL, 'agent', rejected.personId, { email: 'till.brandt.neu@example.com' }, 'Customer asked by email.');
    await proposeChange(server.baseURL, 'compliance', ownProposal.personId, { job_title: 'Tischlerin' }, 'New job, told us at the branch.');
    return { moving, abroad, nearby, rejected, ownProposal };
  });

function residence(page: Page): Locator {
  return page.getByRole('group', { name: 'Residence address' });
}

async function openChangeForm(page: Page, baseURL: string, customer: CreatedCustomer) {
  await page.goto(`${baseURL}/persons/${customer.personId}`);
  const propose = page.getByRole('link', { name: 'Propose a change' });
  await visible(propose);
  // Keyboard first: the action is reachable with Tab and opens with Enter.
  await tabTo(page, propose);
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/persons/${customer.personId}/change`);
  await visible(residence(page));
}

async function typeAddress(page: Page, parts: { postalCode?: string; city?: string; country?: string; street?: string }) {
  const group = residence(page);
  if (parts.country) await group.getByLabel('Country').selectOption(parts.country);
  if (parts.street !== undefined) await group.getByLabel('Street').fill(parts.street);
  if (parts.postalCode !== undefined) await group.getByLabel('Postal code').fill(parts.postalCode);
  if (parts.city !== undefined) await group.getByLabel('City').fill(parts.city);
}

/**
 * The field's refusal or finding: what its control is described by. Read in one go in the page:
 * an answer of the address check that lands between reading `aria-describedby` and the texts
 * removes the element of a refusal it no longer makes (one that is missing reads as such).
 */
async function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? `[no element #${id}]`)
      .join(' '),
  );
}

/** Waits until the control is described by `pattern` (the address check answers after a pause in typing); that description. */
async function waitForDescription(control: Locator, pattern: RegExp, timeout = 10_000): Promise<string> {
  let last = '';
  await expect
    .poll(async () => (last = await descriptionOf(control)), { timeout, message: `${control.toString()} described by ${pattern}` })
    .toMatch(pattern);
  return last;
}

async function reviewInQueue(page: Page, baseURL: string, customer: CreatedCustomer): Promise<Locator> {
  await page.goto(`${baseURL}/compliance/person_changes`);
  await page.getByRole('link', { name: `Review the change to ${customer.fullName}` }).click();
  const review = page.getByRole('region', { name: `Review: ${customer.fullName}` });
  await visible(review);
  return review;
}

async function decide(page: Page, review: Locator, decision: 'Approve…' | 'Reject…', reason?: string) {
  await review.getByRole('button', { name: decision }).click();
  const dialog = page.getByRole('dialog');
  await visible(dialog);
  if (reason) await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole('button', { name: decision === 'Approve…' ? 'Approve and send to Solaris' : 'Reject' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 20_000 });
}

describe('person changes', () => {
  changesTest(
    'the agent proposes a new address and email: the form refuses what Solaris would, checks the address while typing, and shows from → to',
    async ({ page, server, customers }) => {
      const { moving } = customers;
      await signInOn(page, server.baseURL, 'agent');
      await openChangeForm(page, server.baseURL, moving);

      // Only the allow-list is offered: the names are listed as read-only, with who can change them.
      const readOnly = page.getByRole('region', { name: 'Only Solaris customer support can change these' });
      expect(await readOnly.textContent()).toContain('First name');
      expect(await readOnly.textContent()).toContain('Mobile number');
      expect(await readOnly.textContent()).toContain('only Solaris customer support can change it');
      expect(await page.getByRole('textbox', { name: 'First name' }).count()).toBe(0);

      // The seed's rules before anything is sent: FREELANCER without a NACE code, an AML date in the past.
      const amlConfirmedOn = page.getByLabel('AML confirmed on');
      const amlBefore = await amlConfirmedOn.inputValue();
      await page.getByLabel('Employment status').selectOption('FREELANCER');
      await amlConfirmedOn.fill('2024-01-15');
      await page.getByLabel(/Note for compliance/).fill('Customer moved, confirmed with the security questions.');
      await page.getByRole('button', { name: 'Review the change' }).click();
      await visible(page.getByRole('alert').filter({ hasText: 'Correct the marked fields' }));
      expect(await descriptionOf(page.getByLabel('NACE code'))).toContain('FREELANCER or SELF_EMPLOYED');
      expect(await descriptionOf(page.getByLabel('AML confirmed on'))).toMatch(/today or tomorrow/);
      // With a NACE code the rule holds; today is a date Solaris accepts.
      await page.getByLabel('NACE code').fill('62.01');
      await amlConfirmedOn.fill(berlinCalendarDate(new Date()));
      await page.getByRole('button', { name: 'Review the change' }).click();
      await visible(page.getByRole('region', { name: 'Review the change before sending it' }));
      await page.getByRole('button', { name: 'Back to the form' }).click();
      // Neither is what the customer asked for: back to what Solaris holds.
      await page.getByLabel('Employment status').selectOption({ index: 0 });
      await page.getByLabel('NACE code').fill('');
      await amlConfirmedOn.fill(amlBefore);

      // Address check while typing: a postcode of the wrong format for Germany.
      const postalCode = residence(page).getByLabel('Postal code');
      await typeAddress(page, { postalCode: '1011' });
      expect(await waitForDescription(postalCode, /five digits/)).toMatch(/German postcode/);

      // A postcode that belongs to another place: the places it belongs to are offered; take one.
      await typeAddress(page, { street: 'Marienplatz', postalCode: '80331', city: 'Berlin' });
      const suggestion = residence(page).getByRole('button', { name: /^Use 80331 München/ });
      await visible(suggestion);
      await screenshot(page, 'person-change-suggestion');
      await suggestion.click();
      await expect.poll(() => residence(page).getByLabel('City').inputValue()).toBe('München');

      // Not in Germany: allowed by format, with the warning that video identification needs residence in Germany.
      await typeAddress(page, { country: 'FR', street: 'Rue de Rivoli', postalCode: '75001', city: 'Paris' });
      expect(await waitForDescription(residence(page).getByLabel('Country'), /resident/i)).toMatch(/Germany/);

      // The valid German address, and a new email.
      await typeAddress(page, { country: 'DE', street: 'Chausseestraße', postalCode: '10115', city: 'Berlin' });
      await residence(page).getByLabel('House number').fill('8');
      await page.getByRole('textbox', { name: 'Email' }).fill('jana.umzug@example.com');
      await page.waitForFunction(() => !document.body.textContent?.includes('Checking the address'));
      expect(await descriptionOf(postalCode)).not.toMatch(/postcode/i);
      await screenshot(page, 'person-change-form');

      await page.getByRole('button', { name: 'Review the change' }).click();
      const reviewStep = page.getByRole('region', { name: 'Review the change before sending it' });
      await visible(reviewStep);
      const rows = await reviewStep.getByRole('row').allTextContents();
      expect(rows.join('\n')).toContain('Residence address: Street');
      expect(rows.join('\n')).toMatch(/Amrumer Straße.*Chausseestraße/);
      expect(rows.join('\n')).toMatch(/13353.*10115/);
      expect(rows.join('\n')).toContain('jana.umzug@example.com');
      await screenshot(page, 'person-change-review');
      await reviewStep.getByRole('button', { name: 'Send for compliance review' }).click();

      await page.waitForURL(`**/persons/${moving.personId}#change-proposals`);
      const proposals = page.getByRole('region', { name: 'Changes to the customer’s data' });
      await visible(proposals.getByText('jana.umzug@example.com'));
      expect(await proposals.textContent()).toContain('Alex Agent');
      await visible(proposals.getByRole('button', { name: 'Withdraw' }));
      await screenshot(page, 'person-change-proposed');
    },
    // The first test waits for this file's server and customers too.
    240_000,
  );

  changesTest('an address the check cannot confirm is saved as the nearby address: the customer then owes a proof of address', { timeout: 90_000 }, async ({
    page,
    browser,
    server,
    customers,
  }) => {
    const { nearby } = customers;
    await signInOn(page, server.baseURL, 'agent');
    await openChangeForm(page, server.baseURL, nearby);
    await typeAddress(page, { street: 'Am Neubaugebiet', postalCode: '99999', city: 'Neustadt' });
    await residence(page).getByLabel('House number').fill('1');
    const choice = page.getByRole('checkbox', { name: /nearby address/ });
    await visible(choice);
    await page.getByLabel(/Note for compliance/).fill('New building, not in the postcode list yet.');
    await page.getByRole('button', { name: 'Review the change' }).click();
    // Refused until the agent chooses the nearby address.
    await visible(page.getByRole('alert').filter({ hasText: 'Correct the marked fields' }));
    await choice.check();
    await page.getByRole('button', { name: 'Review the change' }).click();
    const reviewStep = page.getByRole('region', { name: 'Review the change before sending it' });
    expect(await (await visible(reviewStep)).textContent()).toContain('nearby address');
    await reviewStep.getByRole('button', { name: 'Send for compliance review' }).click();
    await page.waitForURL(`**/persons/${nearby.personId}#change-proposals`);

    const compliance = await browser.newPage();
    try {
      await signInOn(compliance, server.baseURL, 'compliance');
      const review = await reviewInQueue(compliance, server.baseURL, nearby);
      expect(await review.textContent()).toContain('nearby address');
      await decide(compliance, review, 'Approve…');
      await visible(compliance.getByRole('status').filter({ hasText: `Solaris took the change to ${nearby.fullName}` }));
    } finally {
      await compliance.close();
    }

    await page.goto(`${server.baseURL}/persons/${nearby.personId}`);
    await visible(page.getByText('Proof of address: Outstanding'));
    const person = await solarisPerson(server.baseURL, nearby.personId);
    expect(person.address).toMatchObject({ postal_code: '99999', city: 'Neustadt' });
  });

  changesTest('compliance approves the agent’s change, Solaris takes it, and the customer’s page shows the new version', { timeout: 90_000 }, async ({
    page,
    browser,
    server,
    customers,
  }) => {
    const { moving, ownProposal } = customers;
    await signInOn(page, server.baseURL, 'compliance');

    // Four eyes: compliance's own proposal waits for someone else.
    const own = await reviewInQueue(page, server.baseURL, ownProposal);
    expect(await own.textContent()).toContain('Four eyes');
    expect(await own.getByRole('button', { name: 'Approve…' }).isDisabled()).toBe(true);
    expect(await own.getByRole('button', { name: 'Reject…' }).isDisabled()).toBe(true);
    // One open change per customer: the form says whose change is waiting instead of offering a second.
    await page.goto(`${server.baseURL}/persons/${ownProposal.personId}/change`);
    await visible(page.getByRole('status').filter({ hasText: /Casey Compliance proposed a change/ }));
    expect(await page.getByRole('button', { name: 'Review the change' }).count()).toBe(0);
    await screenshot(page, 'person-change-one-at-a-time');

    const review = await reviewInQueue(page, server.baseURL, moving);
    expect(await review.textContent()).toContain('Customer moved, confirmed with the security questions.');
    expect(await review.textContent()).toMatch(/13353.*10115/);
    await screenshot(page, 'person-change-queue-review');
    await decide(page, review, 'Approve…');
    const answer = page.getByRole('region', { name: `Solaris’ answer: ${moving.fullName}` });
    await visible(answer);
    expect(await answer.textContent()).toMatch(/version \d+/);
    await screenshot(page, 'person-change-applied');

    const person = await solarisPerson(server.baseURL, moving.personId);
    expect(person.email).toBe('jana.umzug@example.com');
    expect(person.address).toMatchObject({ line_1: 'Chausseestraße', line_2: '8', postal_code: '10115', city: 'Berlin' });

    const agent = await browser.newPage();
    try {
      await signInOn(agent, server.baseURL, 'agent');
      await agent.goto(`${server.baseURL}/persons/${moving.personId}`);
      await visible(agent.getByRole('region', { name: 'Addresses' }).getByText('10115 Berlin'));
      const proposals = agent.getByRole('region', { name: 'Changes to the customer’s data' });
      await visible(proposals.getByText(/Decided by Casey Compliance/));
      expect(await proposals.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    } finally {
      await agent.close();
    }
  });

  changesTest('Solaris refuses an address abroad field by field, and a rejected change keeps its reason', { timeout: 90_000 }, async ({
    page,
    server,
    customers,
  }) => {
    const { abroad, rejected } = customers;
    await signInOn(page, server.baseURL, 'compliance');

    const review = await reviewInQueue(page, server.baseURL, abroad);
    await decide(page, review, 'Approve…');
    // The proposal stays in the queue as refused, with Solaris' words at the field it names.
    const stillThere = page.getByRole('region', { name: `Review: ${abroad.fullName}` });
    await visible(stillThere.getByText(/Residency Country is not allowed for this branch/));
    expect(await stillThere.textContent()).toMatch(/Solaris refused the change \(HTTP 4\d\d\)/);
    await screenshot(page, 'person-change-solaris-refused');
    const person = await solarisPerson(server.baseURL, abroad.personId);
    expect(person.address).toMatchObject({ country: 'DE', city: 'Berlin' });

    const toReject = await reviewInQueue(page, server.baseURL, rejected);
    await decide(page, toReject, 'Reject…', 'The customer could not confirm the new address by email.');
    await visible(page.getByRole('status').filter({ hasText: `Rejected the change to ${rejected.fullName}` }));

    await page.goto(`${server.baseURL}/persons/${rejected.personId}`);
    const proposals = page.getByRole('region', { name: 'Changes to the customer’s data' });
    await visible(proposals.getByText('“The customer could not confirm the new address by email.”'));
  });
});
