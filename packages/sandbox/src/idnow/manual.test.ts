import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idnowPayloadSchema } from '@identdesk/domain';
import { MINUTE } from '../core/clock.ts';
import { newId } from '../core/ids.ts';
import { startTestSandbox, waitFor, type TestSandbox } from '../testing/harness.ts';
import { postJson, SEED_PERSON_REQUEST, uniqueName } from '../testing/fixtures.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});

async function requested(firstName: string) {
  const created = await postJson(t, '/v1/persons', { ...SEED_PERSON_REQUEST, first_name: firstName, last_name: uniqueName('Kunde') });
  const personId = (created.body as { id: string }).id;
  const identification = await t.client.createIdentification(personId, { method: 'idnow' });
  const pending = await t.client.requestIdentification(personId, identification.id);
  if (!pending.url) throw new Error('no url');
  return { personId, identificationId: identification.id, url: pending.url };
}

function submit(url: string, fields: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

const START = { mobile_number: '0170 1234567', accept_terms: 'yes', has_document: 'yes', accept_recording: 'yes' };

describe('the identification page (X-MANUALTEST)', () => {
  it('walks the seed tutorial: start with a 0… number, refuse a wrong ident code, accept 123456', async () => {
    const { personId, identificationId, url } = await requested('X-MANUALTEST-HAPPYPATH');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('name="mobile_number"');
    const stylesheet = /href="([^"]+\.css)"/.exec(html)?.[1] ?? '';
    expect((await fetch(new URL(stylesheet, url))).status).toBe(200);

    // The customer has not started: time passes, nothing happens.
    await t.advance(10 * MINUTE);
    expect((await t.client.getIdentification(personId, identificationId)).status).toBe('pending');

    const badNumber = await submit(`${url}/start`, { ...START, mobile_number: '+491701234567' });
    expect(badNumber.status).toBe(400);
    expect(await badNumber.text()).toContain('starts with 0');
    const { accept_recording: _skipped, ...missingBox } = START;
    const unchecked = await submit(`${url}/start`, missingBox);
    expect(unchecked.status).toBe(400);
    expect(await unchecked.text()).toContain('check all boxes');

    const started = await submit(`${url}/start`, START);
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe(new URL(url).pathname);
    const codePage = await (await fetch(url)).text();
    expect(codePage).toContain('name="ident_code"');

    const wrongCode = await submit(`${url}/confirm`, { ident_code: '654321' });
    expect(wrongCode.status).toBe(400);
    expect(await wrongCode.text()).toContain('Ident code is not correct');
    expect((await t.client.getIdentification(personId, identificationId)).status).toBe('pending');

    const confirmed = await submit(`${url}/confirm`, { ident_code: '123456' });
    expect(confirmed.status).toBe(303);
    await waitFor(
      () => t.client.getIdentification(personId, identificationId),
      (identification) => identification.status === 'successful',
      { what: 'successful identification' },
    );
    const [attempt] = await t.client.listIdnowAttempts(personId, identificationId);
    const payload = idnowPayloadSchema.parse(attempt?.payload);
    expect(payload.identificationprocess).toMatchObject({ result: 'SUCCESS', type: 'WEB' });
    expect((payload as Record<string, unknown>)['contactdata']).toMatchObject({ mobilephone: { value: '01701234567' } });
    expect(await (await fetch(url)).text()).toContain('Identification completed');
    // A second confirmation does nothing.
    expect((await submit(`${url}/confirm`, { ident_code: '123456' })).status).toBe(409);
  });

  it('accepts the static number +15550101 and lets an aborted customer start again with the same URL', async () => {
    const { personId, identificationId, url } = await requested('X-MANUALTEST-ABORTIDENT');
    expect((await submit(`${url}/start`, { ...START, mobile_number: '+15550101' })).status).toBe(303);
    expect((await submit(`${url}/confirm`, { ident_code: '123456' })).status).toBe(303);
    await waitFor(
      () => t.client.getIdentification(personId, identificationId),
      (identification) => identification.status === 'aborted',
      { what: 'aborted identification' },
    );
    expect((await t.client.getIdentification(personId, identificationId)).failure_reason).toBe('TECH_VIDEO');
    expect(await (await fetch(url)).text()).toContain('name="mobile_number"');
  });

  it('runs a manual review case after the confirmation (FRAUDOK)', async () => {
    const { personId, identificationId, url } = await requested('X-MANUALTEST-FRAUDOK');
    await submit(`${url}/start`, START);
    await submit(`${url}/confirm`, { ident_code: '123456' });
    await waitFor(
      () => t.client.getIdentification(personId, identificationId),
      (identification) => identification.status === 'pending_failed',
      { what: 'pending_failed' },
    );
    expect(await (await fetch(url)).text()).toContain('being reviewed');
    await t.advance(3 * MINUTE);
    expect((await t.client.getIdentification(personId, identificationId)).status).toBe('successful');
  });

  it('shows an unattended identification without a form, and 404 for unknown links', async () => {
    const { url } = await requested('X-AUTOTEST-LONGREVIEW');
    const html = await (await fetch(url)).text();
    expect(html).toContain('runs automatically');
    expect(html).not.toContain('<form');
    expect((await submit(`${url}/start`, START)).status).toBe(409);
    const unknown = await fetch(url.replace(/[0-9a-f]{32}cidt$/, newId('identification')));
    expect(unknown.status).toBe(404);
  });

  it('expires the link after 14 days', async () => {
    const { personId, identificationId, url } = await requested('X-MANUALTEST-HAPPYPATH');
    await t.advance(14 * 24 * 60 * MINUTE);
    expect((await t.client.getIdentification(personId, identificationId)).status).toBe('expired');
    expect(await (await fetch(url)).text()).toContain('expired');
    expect((await submit(`${url}/start`, START)).status).toBe(409);
  });
});
