import {
  FAILED_IDENTIFICATION_CUSTOMER_MESSAGE,
  FAILURE_CATEGORY_LABELS,
  FAILURE_CODE_DETAILS,
  NEVER_SHARE_REFERENCE,
} from '@identdesk/domain';
import type { Page } from 'playwright-core';
import { describe } from 'vitest';
import { createCustomer, sandboxNow, uniqueLastName } from './customers.ts';
import { expect, screenshot, tabTo, test, visible } from './fixtures.ts';

/** The answer to one of the four questions at the top of the page, e.g. "Offer banking services?". */
async function answerTo(page: Page, question: string): Promise<string> {
  const answer = page.getByRole('region', { name: 'What you can do now' }).getByRole('term').filter({ hasText: question });
  return ((await answer.locator('xpath=following-sibling::dd[1]').textContent()) ?? '').trim();
}

/** What one entry of the status timeline says: from → to (no `from` for the first sighting), when and whence. */
interface TimelineEntry {
  from: string | null;
  to: string;
  at: string;
  timeText: string;
  text: string;
}

async function timelineEntries(page: Page): Promise<TimelineEntry[]> {
  const list = page.getByRole('list', { name: 'Status changes, oldest first' });
  await visible(list);
  return list.getByRole('listitem').evaluateAll((items) =>
    items.map((item) => {
      // The status badges (outlined) carry the statuses' labels; the first sighting has no "from".
      const badges = [...item.querySelectorAll('span.ring-inset')].map((badge) => badge.textContent?.trim() ?? '');
      const time = item.querySelector('time');
      const firstSighting = (item.textContent ?? '').includes('First seen as');
      return {
        from: firstSighting ? null : (badges[0] ?? null),
        to: badges[badges.length - 1] ?? '',
        at: time?.getAttribute('datetime') ?? '',
        timeText: time?.textContent?.trim() ?? '',
        text: item.textContent?.trim() ?? '',
      };
    }),
  );
}

/** Creating a customer plays an IDnow scenario through the sandbox and the webhook inbox first. */
const WITH_CUSTOMER = { timeout: 90_000 };

describe('identification page', () => {
  test('an agent sees an aborted call with its failure code decoded, what to tell the customer, and the reference only masked', WITH_CUSTOMER, async ({
    page,
    baseURL,
    signIn,
  }) => {
    const customer = await createCustomer(baseURL, { firstName: 'Jörg', lastName: uniqueLastName('Abbruch'), scenario: 'ABORTIDENT' });
    await signIn('agent');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await page.goto(`/identifications/${customer.identificationId}`);

    const guidance = await visible(page.getByRole('region', { name: 'What you can do now' }));
    await visible(guidance.getByText('Aborted', { exact: true }));
    expect(await answerTo(page, 'Offer banking services?')).toBe('No');
    expect(await answerTo(page, 'Retry with the same link?')).toBe('Yes');
    expect(await answerTo(page, 'New identification needed?')).toBe('No');
    expect(await answerTo(page, 'Tell the customer why?')).toContain('Yes');

    const failure = FAILURE_CODE_DETAILS.TECH_VIDEO;
    const call = page.getByRole('article', { name: 'Call 1' });
    await visible(call.getByText('TECH_VIDEO', { exact: true }));
    await visible(call.getByText(FAILURE_CATEGORY_LABELS[failure.category], { exact: true }));
    await visible(call.getByText('Temporary: a new call can succeed'));
    await visible(call.getByText(failure.description));
    await visible(call.getByText(failure.tellCustomer));

    // The customer text is copied as it reads, for the agent's email or chat.
    await call.getByRole('button', { name: 'Copy the customer text for TECH_VIDEO' }).click();
    await visible(call.getByRole('status').filter({ hasText: 'Copied' }));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(failure.tellCustomer);

    // The link and its 14 days; the reference masked, with the rule never to give it out.
    await visible(page.getByText(/^Expires in (13|14) days$/));
    const details = page.getByRole('region', { name: 'Details' });
    await visible(details.getByText(NEVER_SHARE_REFERENCE));
    await visible(details.getByText(/•/).first());
    await expect(details.getByRole('button', { name: 'Reveal' }).count()).resolves.toBe(0);
    // Does the customer's document work? Asked by country, answered at once.
    const accepted = page.getByRole('region', { name: 'Accepted ID documents' });
    const answer = accepted.getByRole('status');
    await accepted.getByLabel('Check a country').fill('DE');
    await expect.poll(() => answer.textContent()).toBe('Germany: National ID card or Passport');
    await accepted.getByLabel('Check a country').fill('US');
    await expect.poll(() => answer.textContent()).toBe('United States: Passport');
    await accepted.getByLabel('Check a country').fill('Atlantis');
    await expect.poll(() => answer.textContent()).toMatch(/^No document issued in “Atlantis” is accepted/);

    // Back to the customer through the breadcrumb.
    const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(breadcrumb.getByRole('link', { name: customer.fullName }).getAttribute('href')).resolves.toBe(`/persons/${customer.personId}`);
    await screenshot(page, 'identification-aborted-agent');
  });

  test('a failed identification tells the agent to disclose nothing, whatever IDnow reported', WITH_CUSTOMER, async ({ page, baseURL, signIn }) => {
    const customer = await createCustomer(baseURL, { firstName: 'Frida', lastName: uniqueLastName('Betrug'), scenario: 'FRAUDIDENT' });
    await signIn('agent');
    await page.goto(`/identifications/${customer.identificationId}`);

    await visible(page.getByRole('region', { name: 'What you can do now' }).getByText('Failed', { exact: true }));
    expect(await answerTo(page, 'Offer banking services?')).toBe('No');
    expect(await answerTo(page, 'Tell the customer why?')).toBe('No: disclose nothing');
    await visible(page.getByRole('region', { name: 'What you can do now' }).getByText(FAILED_IDENTIFICATION_CUSTOMER_MESSAGE));
    // Both calls (the suspicion and the review that confirmed it), newest first.
    await visible(page.getByRole('article', { name: 'Call 2' }).getByText('Fraud suspicion confirmed'));
    await visible(page.getByRole('article', { name: 'Call 1' }).getByText('Fraud suspicion, in review'));
    await screenshot(page, 'identification-failed-agent');
  });

  test('compliance reveals the IDnow reference with a reason, sees it only in the dialog, and the reveal is audited', WITH_CUSTOMER, async ({
    page,
    baseURL,
    signIn,
  }) => {
    const customer = await createCustomer(baseURL, { firstName: 'Carla', lastName: uniqueLastName('Storniert'), scenario: 'CANCELED' });
    await signIn('compliance');
    await page.goto(`/identifications/${customer.identificationId}`);

    // The review canceled what the call had passed: two calls, the newer with its code decoded.
    const failure = FAILURE_CODE_DETAILS.BAD_PHOTO_QUALITY;
    await visible(page.getByRole('article', { name: 'Call 2' }).getByText('BAD_PHOTO_QUALITY', { exact: true }));
    await visible(page.getByRole('article', { name: 'Call 2' }).getByText(failure.tellCustomer));
    await visible(page.getByRole('article', { name: 'Call 1' }).getByText('Review pending'));

    // Keyboard only: reach Reveal, open it, and a reason that is too short is refused in words.
    const reveal = page.getByRole('region', { name: 'Details' }).getByRole('button', { name: 'Reveal' });
    await tabTo(page, reveal, 80);
    await page.keyboard.press('Enter');
    const dialog = await visible(page.getByRole('dialog', { name: 'Reveal the IDnow reference' }));
    await dialog.getByLabel('Reason').fill('because');
    await dialog.getByRole('button', { name: 'Reveal and record' }).click();
    await visible(dialog.getByRole('alert').filter({ hasText: 'Reason: Give a reason of at least 10 characters.' }));
    await screenshot(page, 'identification-reveal-refused');

    const reason = `Case ${customer.lastName}: police request`;
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Reveal and record' }).click();
    const reference = (await visible(dialog.getByRole('definition').first())).locator('span').first();
    await expect.poll(() => reference.textContent()).toMatch(/^TST-\w{5}$/);
    const revealed = (await reference.textContent()) ?? '';
    await visible(dialog.getByText(/^https?:\/\//));
    await screenshot(page, 'identification-reveal-done');

    // Closed, the values are gone: the page shows the masked form only.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await page.locator('body').textContent()) ?? '').not.toContain(revealed);
    await visible(page.getByRole('region', { name: 'Details' }).getByText(/•/).first());

    // The reveal is in the audit trail, with the reason.
    await page.goto('/audit?action=identification.reference_revealed');
    await visible(page.getByRole('table', { name: 'Audit events' }).getByRole('row').filter({ hasText: reason }));
  });

  test('the status changes read oldest first with their times, next to the waiting time and the link’s expiry', WITH_CUSTOMER, async ({
    page,
    baseURL,
    signIn,
  }) => {
    const requestedFrom = await sandboxNow(baseURL);
    const customer = await createCustomer(baseURL, { firstName: 'Ida', lastName: uniqueLastName('Zeitlauf'), scenario: 'HAPPYPATH' });
    const requestedBy = await sandboxNow(baseURL);
    await signIn('agent');
    await page.goto(`/identifications/${customer.identificationId}`);

    const entries = await timelineEntries(page);
    // Identdesk saw the customer waiting for the call first, then the successful call.
    expect(entries.length, JSON.stringify(entries)).toBeGreaterThanOrEqual(2);
    expect(entries[0]).toMatchObject({ from: null, to: 'Pending' });
    expect(entries.at(-1)?.to).toBe('Successful');
    for (const [index, entry] of entries.entries()) {
      expect(entry.text, 'where Identdesk learned of it').toMatch(/· \w/);
      expect(entry.timeText).toBe(
        await page.evaluate(
          (iso) =>
            new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
              new Date(iso),
            ),
          entry.at,
        ),
      );
      const previous = entries[index - 1];
      if (!previous) continue;
      // A chain, in order: each change starts where the one before it ended, never earlier.
      expect(entry.from, JSON.stringify(entries)).toBe(previous.to);
      expect(new Date(entry.at).getTime()).toBeGreaterThanOrEqual(new Date(previous.at).getTime());
    }

    const details = page.getByRole('region', { name: 'Details' });
    const detail = (term: string) =>
      details.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
    // Solaris gives IDnow's estimate only in its answer to the request, which the partner's app
    // made: Identdesk has none to show, and says so.
    expect(await detail('Estimated waiting time for an IDnow agent').textContent()).toBe('Not given by IDnow');
    const link = detail('Link');
    expect(await link.textContent()).toMatch(/^Expires in (13|14) days/);
    const until = new Date((await link.locator('time').getAttribute('datetime')) ?? '').getTime();
    const FOURTEEN_DAYS = 14 * 24 * 60 * 60 * 1000;
    expect(until).toBeGreaterThanOrEqual(requestedFrom.getTime() + FOURTEEN_DAYS);
    expect(until).toBeLessThanOrEqual(requestedBy.getTime() + FOURTEEN_DAYS);
    await screenshot(page, 'identification-timeline');
  });

  test('an unknown identification says so and leads back to search', async ({ page, signIn, expectedConsoleErrors }) => {
    expectedConsoleErrors.push(/status of 404/);
    await signIn('agent');
    await page.goto(`/identifications/${'0'.repeat(32)}cidt`);
    await visible(page.getByRole('heading', { level: 1, name: 'Identification not found' }));
    await visible(page.getByRole('link', { name: 'Search for the customer' }));

    await page.goto('/identifications/not-an-id');
    await visible(page.getByRole('heading', { level: 1, name: 'Identification not found' }));
  });
});
