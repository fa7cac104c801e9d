import { FAILED_IDENTIFICATION_CUSTOMER_MESSAGE, FAILURE_CODE_DETAILS } from '@identdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDocument,
  createIdentification,
  createIdnowAttempts,
  createPerson,
  makeIdnowAttempt,
  openTestDatabase,
  type TestDatabase,
} from '../testing.ts';
import { getIdentificationDetail } from './identification-detail.ts';
import { upsertIdentificationSnapshot } from './identifications.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const DAY = 86_400_000;
const requestedAt = new Date('2030-04-01T10:00:00.000Z');

async function abortedTwice() {
  const person = await createPerson(handle.db, { firstName: 'Jürgen', lastName: 'Groß' });
  const identification = await createIdentification(handle.db, person.id, { status: 'created' }, new Date('2030-04-01T09:00:00Z'));
  await upsertIdentificationSnapshot(handle.db, {
    identification: { ...identification, status: 'pending', reference: 'TST-ABCDE', url: 'https://go.test.idnow.de/x/TST-ABCDE', estimatedWaitingTime: 60 },
    observedAt: requestedAt,
    source: 'webhook',
  });
  await upsertIdentificationSnapshot(handle.db, {
    identification: { id: identification.id, personId: person.id, status: 'aborted' },
    observedAt: new Date('2030-04-02T10:00:00Z'),
    source: 'webhook',
  });
  await createIdnowAttempts(handle.db, identification.id, [
    makeIdnowAttempt({ result: 'ABORTED', reason: 'TECH_LIGHTING', identificationTime: new Date('2030-04-01T12:00:00Z') }),
    makeIdnowAttempt({ result: 'ABORTED', reason: 'NEW_CODE_FROM_IDNOW', identificationTime: new Date('2030-04-02T09:59:00Z') }),
  ]);
  return { person, identification };
}

describe('getIdentificationDetail', () => {
  it('answers undefined for an unknown identification', async () => {
    expect(await getIdentificationDetail(handle.db, `${'0'.repeat(32)}cidt`, new Date())).toBeUndefined();
  });

  it('puts the status in plain words with the link expiry, the timeline oldest first and attempts newest first', async () => {
    const { person, identification } = await abortedTwice();
    const detail = await getIdentificationDetail(handle.db, identification.id, new Date(requestedAt.getTime() + 2 * DAY));
    expect(detail?.identification).toMatchObject({
      id: identification.id,
      personId: person.id,
      personName: 'Jürgen Groß',
      status: 'aborted',
      statusLabel: 'Aborted',
      statusMeaning: expect.stringContaining('same URL'),
      estimatedWaitingTime: 60,
      urlExpiresAt: new Date(requestedAt.getTime() + 14 * DAY).toISOString(),
      urlExpired: false,
    });
    expect(detail?.timeline.map((entry) => [entry.fromStatus, entry.toStatus])).toEqual([
      [null, 'created'],
      ['created', 'pending'],
      ['pending', 'aborted'],
    ]);
    expect(detail?.attempts.map((attempt) => attempt.reason)).toEqual(['NEW_CODE_FROM_IDNOW', 'TECH_LIGHTING']);
    expect(detail?.attempts[1]?.failure).toMatchObject({
      code: 'TECH_LIGHTING',
      known: true,
      category: 'TECHNICAL',
      permanent: false,
      causedByCustomer: 'yes',
      tellCustomer: FAILURE_CODE_DETAILS.TECH_LIGHTING.tellCustomer,
    });
    expect(detail?.attempts[0]?.failure).toMatchObject({ code: 'NEW_CODE_FROM_IDNOW', known: false, category: null, permanent: null });
    expect(detail?.attempts[0]?.resultMeaning).toMatch(/aborted the call/);
    expect(detail?.guidance).toMatchObject({ retrySameLink: true, canOfferServices: false });
  });

  it('says the link ran out 14 days after the request, and that a new identification is needed', async () => {
    const { identification } = await abortedTwice();
    const detail = await getIdentificationDetail(handle.db, identification.id, new Date(requestedAt.getTime() + 14 * DAY));
    expect(detail?.identification.urlExpired).toBe(true);
    expect(detail?.guidance).toMatchObject({ retrySameLink: false, newIdentificationNeeded: true });
  });

  it('decodes attempts of a failed identification without giving the customer a reason', async () => {
    const person = await createPerson(handle.db);
    const identification = await createIdentification(handle.db, person.id, { status: 'failed' });
    await createIdnowAttempts(handle.db, identification.id, [makeIdnowAttempt({ result: 'CANCELED', reason: 'TECH_PHOTO' })]);
    const detail = await getIdentificationDetail(handle.db, identification.id, new Date());
    expect(detail?.attempts[0]?.failure?.tellCustomer).toBe(FAILED_IDENTIFICATION_CUSTOMER_MESSAGE);
    expect(detail?.guidance.mayDiscloseOutcome).toBe(false);
  });

  it('lists the fields the IDnow agent changed in an attempt, and the documents', async () => {
    const person = await createPerson(handle.db);
    const identification = await createIdentification(handle.db, person.id, { status: 'successful' });
    await createIdnowAttempts(handle.db, identification.id, [
      {
        ...makeIdnowAttempt({ result: 'SUCCESS_DATA_CHANGED', reason: null }),
        payload: {
          identificationprocess: { result: 'SUCCESS_DATA_CHANGED', identificationtime: '2030-04-03T10:00:00Z' },
          userdata: { lastname: { status: 'CHANGE', value: 'Doe-Smith', original: 'Doe' }, firstname: { status: 'MATCH', value: 'Jane' } },
        },
      },
    ]);
    await createDocument(handle.db, { personId: person.id, identificationId: identification.id, documentType: 'KYC_REPORT', name: 'report.pdf' });
    const detail = await getIdentificationDetail(handle.db, identification.id, new Date());
    expect(detail?.attempts[0]).toMatchObject({
      result: 'SUCCESS_DATA_CHANGED',
      failure: null,
      dataChanges: [{ field: 'userdata.lastname', label: 'Last name', from: 'Doe', to: 'Doe-Smith' }],
    });
    expect(detail?.documents).toEqual([expect.objectContaining({ name: 'report.pdf', typeLabel: 'KYC report' })]);
  });
});
