import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firstNameSchema,
  lastNameSchema,
  idnowPayloadSchema,
  personResourceSchema,
  type IdentificationStatus,
  type TestScenarioCase,
} from '@identdesk/domain';
import { identificationWebhookBodySchema, parseWebhookJson, verifyWebhookSignature } from '@identdesk/solaris';
import { HOUR, MINUTE, SECOND } from '../core/clock.ts';
import { startTestSandbox, waitFor, type TestSandbox } from '../testing/harness.ts';
import { pdfIsValid, pngIsValid } from '../testing/files.ts';
import { postJson, SEED_PERSON_REQUEST, uniqueName } from '../testing/fixtures.ts';
import { startWebhookReceiver } from '../testing/webhook-receiver.ts';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

interface Expectation {
  /** Statuses after the call (61 s), after the review (3 min) and after 24 h. */
  phases: [IdentificationStatus, IdentificationStatus, IdentificationStatus];
  attempts: [string, string | null][];
  personChanged: boolean;
  failureReason: string | null;
}

const CASES: Record<TestScenarioCase, Expectation> = {
  HAPPYPATH: { phases: ['successful', 'successful', 'successful'], attempts: [['SUCCESS', null]], personChanged: false, failureReason: null },
  CHANGEALL: {
    phases: ['successful', 'successful', 'successful'],
    attempts: [['SUCCESS_DATA_CHANGED', null]],
    personChanged: true,
    failureReason: null,
  },
  CHANGEALLREVIEW: {
    phases: ['pending_successful', 'successful', 'successful'],
    attempts: [['REVIEW_PENDING', null], ['SUCCESS_DATA_CHANGED', null]],
    personChanged: true,
    failureReason: null,
  },
  ABORTIDENT: { phases: ['aborted', 'aborted', 'aborted'], attempts: [['ABORTED', 'TECH_VIDEO']], personChanged: false, failureReason: 'TECH_VIDEO' },
  FRAUDOK: {
    phases: ['pending_failed', 'successful', 'successful'],
    attempts: [['FRAUD_SUSPICION_PENDING', null], ['SUCCESS', null]],
    personChanged: false,
    failureReason: null,
  },
  FRAUDIDENT: {
    phases: ['pending_failed', 'failed', 'failed'],
    attempts: [['FRAUD_SUSPICION_PENDING', null], ['FRAUD_SUSPICION_CONFIRMED', null]],
    personChanged: false,
    failureReason: null,
  },
  FRAUDREVIEW: {
    phases: ['pending_successful', 'failed', 'failed'],
    attempts: [['REVIEW_PENDING', null], ['FRAUD_SUSPICION_CONFIRMED', null]],
    personChanged: false,
    failureReason: null,
  },
  CANCELED: {
    phases: ['pending_successful', 'canceled', 'canceled'],
    attempts: [['REVIEW_PENDING', null], ['CANCELED', 'BAD_PHOTO_QUALITY']],
    personChanged: false,
    failureReason: 'BAD_PHOTO_QUALITY',
  },
  // eSigning only at IDnow; for video identification the sandbox sends the success after 10 minutes.
  HOLDCERTIFICATE: { phases: ['pending', 'pending', 'successful'], attempts: [['SUCCESS', null]], personChanged: false, failureReason: null },
  LONGREVIEW: {
    phases: ['pending_successful', 'pending_successful', 'successful'],
    attempts: [['REVIEW_PENDING', null], ['SUCCESS', null]],
    personChanged: false,
    failureReason: null,
  },
};

const caseNames = Object.keys(CASES) as (keyof typeof CASES)[];

let t: TestSandbox;
let receiver: Receiver;
const secrets = new Map<string, string>();
const runs = new Map<string, { personId: string; identificationId: string; observed: IdentificationStatus[] }>();

function identificationDeliveries(identificationId: string) {
  return receiver.deliveries.filter((delivery) => {
    if (delivery.webhook.eventType !== 'IDENTIFICATION') return false;
    return (parseWebhookJson(delivery.rawBody) as { id: string }).id === identificationId;
  });
}

async function statusOf(personId: string, identificationId: string) {
  return (await t.client.getIdentification(personId, identificationId)).status;
}

/** Waits until every identification's webhook history has `count` deliveries. */
async function waitForDeliveries(count: number) {
  await waitFor(
    () => caseNames.map((name) => identificationDeliveries(runs.get(name)?.identificationId ?? '').length),
    (counts) => counts.every((seen) => seen >= count),
    { what: `${count} IDENTIFICATION deliveries per identification` },
  );
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  t = await startTestSandbox();
  for (const eventType of ['IDENTIFICATION', 'PERSON_CHANGED'] as const) {
    const subscription = await t.client.createWebhookSubscription({ event_type: eventType, url: receiver.url });
    secrets.set(subscription.id, subscription.secret);
  }
  for (const name of caseNames) {
    const created = await postJson(t, '/v1/persons', {
      ...SEED_PERSON_REQUEST,
      first_name: `X-AUTOTEST-${name}`,
      last_name: uniqueName('Tester'),
    });
    const personId = (created.body as { id: string }).id;
    const identification = await t.client.createIdentification(personId, { method: 'idnow', language: 'EN' });
    const requested = await t.client.requestIdentification(personId, identification.id);
    runs.set(name, { personId, identificationId: identification.id, observed: [requested.status] });
  }
  await waitForDeliveries(1);
  const phases = [61 * SECOND, 3 * MINUTE, 24 * HOUR];
  for (const [index, ms] of phases.entries()) {
    await t.advance(ms);
    for (const name of caseNames) {
      const run = runs.get(name);
      if (run) run.observed.push(await statusOf(run.personId, run.identificationId));
    }
    // Every phase changes something for some case; wait for each identification's webhooks to settle.
    const expected = (name: keyof typeof CASES) => new Set(['pending', ...CASES[name].phases.slice(0, index + 1)]).size;
    await waitFor(
      () => caseNames.map((name) => identificationDeliveries(runs.get(name)?.identificationId ?? '').length >= expected(name)),
      (done) => done.every(Boolean),
      { what: `webhooks of phase ${index + 1}` },
    );
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

describe.each(caseNames)('X-AUTOTEST-%s', (name) => {
  const expectation = CASES[name];

  it('runs the status sequence of the case', () => {
    expect(runs.get(name)?.observed).toEqual(['pending', ...expectation.phases]);
  });

  it('stores each IDnow attempt with result, reason and an IDnow payload', async () => {
    const run = runs.get(name);
    if (!run) throw new Error('no run');
    const attempts = await t.client.listIdnowAttempts(run.personId, run.identificationId);
    expect(attempts.map((attempt) => [attempt.result, attempt.reason])).toEqual(expectation.attempts);
    const identification = await t.client.getIdentification(run.personId, run.identificationId);
    for (const attempt of attempts) {
      const payload = idnowPayloadSchema.parse(attempt.payload);
      expect(payload.identificationprocess).toMatchObject({
        result: attempt.result,
        id: identification.reference,
        transactionnumber: run.identificationId,
        type: 'APP',
        companyid: 'solarisbankvideoidentsandbox',
      });
      expect(payload.identificationprocess.agentname).toMatch(/^SANDBOX_AGENT_/);
    }
    expect(identification.failure_reason).toBe(expectation.failureReason);
    expect(identification.provider_status_code).toBe(expectation.attempts.at(-1)?.[0]);
  });

  it('sends a signed IDENTIFICATION webhook for every status change', () => {
    const run = runs.get(name);
    if (!run) throw new Error('no run');
    const deliveries = identificationDeliveries(run.identificationId);
    const statuses = deliveries.map((delivery) => identificationWebhookBodySchema.parse(parseWebhookJson(delivery.rawBody)).status);
    expect(statuses).toEqual([...new Set(['pending', ...expectation.phases])]);
    for (const delivery of deliveries) {
      const secret = secrets.get(delivery.webhook.subscriptionId ?? '') ?? '';
      expect(verifyWebhookSignature({ secret, rawBody: delivery.rawBody, header: delivery.webhook.signature })).toBe(true);
      expect(delivery.webhook.entityId).toBe(run.personId);
      expect(delivery.webhook.attempt).toBe(1);
      expect(Object.keys(JSON.parse(delivery.rawBody) as object)).toEqual([
        'id', 'reference', 'url', 'status', 'completed_at', 'method', 'metadata',
      ]);
    }
  });

  it(expectation.personChanged ? 'changes the person data and fires PERSON_CHANGED' : 'leaves the person data alone', async () => {
    const run = runs.get(name);
    if (!run) throw new Error('no run');
    const changed = receiver.deliveries.filter(
      (delivery) => delivery.webhook.eventType === 'PERSON_CHANGED' && delivery.webhook.entityId === run.personId,
    );
    const person = personResourceSchema.parse(await t.client.getPerson(run.personId));
    if (!expectation.personChanged) {
      expect(changed).toHaveLength(0);
      expect(person.first_name).toBe(`X-AUTOTEST-${name}`);
      return;
    }
    expect(changed).toHaveLength(1);
    expect(changed[0]?.rawBody).toBe('');
    expect(person.first_name).not.toBe(`X-AUTOTEST-${name}`);
    expect([...person.first_name].some((character) => character.charCodeAt(0) > 127)).toBe(true);
    expect(firstNameSchema.safeParse(person.first_name).success).toBe(true);
    expect(lastNameSchema.safeParse(person.last_name).success).toBe(true);
    for (const field of ['birth_date', 'birth_city', 'birth_name', 'nationality'] as const) {
      expect(person[field]).not.toBe((SEED_PERSON_REQUEST as Record<string, unknown>)[field] ?? null);
    }
    expect(person.address.line_1).not.toBe(SEED_PERSON_REQUEST.address.line_1);
    const attempts = await t.client.listIdnowAttempts(run.personId, run.identificationId);
    const final = idnowPayloadSchema.parse(attempts.at(-1)?.payload);
    expect(final.userdata?.['firstname']).toMatchObject({ status: 'CHANGE', value: person.first_name, original: `X-AUTOTEST-${name}` });
  });

  it(expectation.phases[2] === 'successful' ? 'attaches the KYC report, signature and ID document' : 'attaches no documents', async () => {
    const run = runs.get(name);
    if (!run) throw new Error('no run');
    const identification = await t.client.getIdentification(run.personId, run.identificationId, { includeDocuments: true });
    if (expectation.phases[2] !== 'successful') {
      expect(identification.documents).toEqual([]);
      expect(identification.completed_at ?? null).toBe(expectation.phases[2] === 'failed' ? identification.completed_at : null);
      return;
    }
    expect(identification.completed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    expect(identification.documents?.map((document) => [document.document_type, document.content_type])).toEqual([
      ['KYC_REPORT', 'application/pdf'],
      ['SIGNATURE', 'image/png'],
      ['ID_DOCUMENT', 'image/png'],
    ]);
    for (const document of identification.documents ?? []) {
      const file = await t.client.downloadDocumentFile(run.personId, document.id);
      expect(file.bytes.length).toBe(document.size);
      expect(file.contentType).toBe(document.content_type);
      expect(document.content_type === 'application/pdf' ? pdfIsValid(file.bytes) : pngIsValid(file.bytes)).toBe(true);
    }
  });
});
