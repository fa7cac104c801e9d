import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDocument,
  createIdentification,
  createIdnowAttempts,
  createPerson,
  createProofOfAddressSubmission,
  createUser,
  makeIdnowAttempt,
  openTestDatabase,
  type TestDatabase,
} from '../testing.ts';
import { personFieldLabel } from '@identdesk/domain';
import { getPersonDetail } from './person-detail.ts';
import { PERSON_SOLARIS_FIELDS, upsertPersonSnapshot } from './persons.ts';
import { refreshProofOfAddressState } from './proof-of-address-state.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const callAt = new Date('2030-03-02T10:00:00.000Z');

describe('getPersonDetail', () => {
  it('has a label in words for every stored person field, so the history never shows a column name', () => {
    expect(PERSON_SOLARIS_FIELDS.filter((field) => personFieldLabel(field) === field)).toEqual([]);
  });

  it('answers undefined for an unknown person', async () => {
    expect(await getPersonDetail(handle.db, `${'0'.repeat(32)}cper`)).toBeUndefined();
  });

  it('shows the person with address objects, identifications with attempt counts and documents', async () => {
    const person = await createPerson(handle.db, { vatNumber: 'DE123456789', contactAddressCity: null }, new Date('2030-03-01T09:00:00Z'));
    const identification = await createIdentification(handle.db, person.id, { status: 'aborted', language: 'EN' }, new Date('2030-03-01T09:05:00Z'));
    await createIdnowAttempts(handle.db, identification.id, [
      makeIdnowAttempt({ result: 'ABORTED', reason: 'TECH_LIGHTING', identificationTime: callAt }),
      makeIdnowAttempt({ result: 'ABORTED', reason: 'TECH_AUDIO', identificationTime: new Date('2030-03-02T11:00:00Z') }),
    ]);
    const document = await createDocument(handle.db, { personId: person.id, identificationId: identification.id, documentType: 'ID_DOCUMENT' });

    const detail = await getPersonDetail(handle.db, person.id);
    expect(detail?.person).toMatchObject({
      id: person.id,
      firstName: 'Jane',
      vatNumber: 'DE123456789',
      address: { line1: 'Amrumerstrasse', line2: '14', postalCode: '13353', city: 'Berlin', country: 'DE', state: null },
      contactAddress: null,
      termsConditionsSignedAt: '2022-01-01T00:00:00.000Z',
      screeningProgress: 'NOT_SCREENED',
      version: 1,
    });
    expect(detail?.identifications).toEqual([
      expect.objectContaining({ id: identification.id, status: 'aborted', language: 'EN', attemptCount: 2, latestFailureCode: 'TECH_AUDIO' }),
    ]);
    expect(detail?.documents).toEqual([
      expect.objectContaining({ id: document.id, identificationId: identification.id, documentType: 'ID_DOCUMENT', typeLabel: 'ID document' }),
    ]);
  });

  it('shows history newest first, field by field with labels, and marks what the IDnow agent corrected', async () => {
    const person = await createPerson(handle.db, { birthCity: 'Berlin' }, new Date('2030-03-01T09:00:00Z'));
    const identification = await createIdentification(handle.db, person.id, { status: 'successful' });
    await createIdnowAttempts(handle.db, identification.id, [
      {
        ...makeIdnowAttempt({ result: 'SUCCESS_DATA_CHANGED', reason: null, identificationTime: callAt }),
        payload: {
          identificationprocess: { result: 'SUCCESS_DATA_CHANGED', identificationtime: callAt.toISOString() },
          userdata: { birthplace: { status: 'CHANGE', value: 'München', original: 'Berlin' } },
        },
      },
    ]);
    // Solaris reports the corrected person after the call, and later the customer's new email.
    await upsertPersonSnapshot(handle.db, { person: { ...person, birthCity: 'München' }, observedAt: new Date('2030-03-02T10:05:00Z'), source: 'webhook' });
    await upsertPersonSnapshot(handle.db, {
      person: { ...person, birthCity: 'München', email: 'jane.new@example.com' },
      observedAt: new Date('2030-03-05T08:00:00Z'),
      source: 'reconciliation',
    });

    const history = (await getPersonDetail(handle.db, person.id))?.history;
    expect(history).toEqual([
      {
        version: 3,
        observedAt: '2030-03-05T08:00:00.000Z',
        source: 'reconciliation',
        sourceLabel: 'Found in reconciliation with Solaris',
        observedVia: 'reconciliation',
        idnowAttemptId: null,
        changes: [{ field: 'email', label: 'Email', from: person.email, to: 'jane.new@example.com', byIdnowAgent: false }],
      },
      {
        version: 2,
        observedAt: '2030-03-02T10:05:00.000Z',
        source: 'idnow_agent',
        sourceLabel: 'Corrected by the IDnow agent during the video call',
        observedVia: 'webhook',
        idnowAttemptId: expect.any(String),
        changes: [{ field: 'birthCity', label: 'Place of birth', from: 'Berlin', to: 'München', byIdnowAgent: true }],
      },
      expect.objectContaining({ version: 1, source: 'test', changes: [] }),
    ]);
  });

  it('explains proof of address from the nationality, the identified document and the submissions', async () => {
    const reviewer = await createUser(handle.db, { role: 'agent', displayName: 'Agnes Agent' });
    const austrian = await createPerson(handle.db, { nationality: 'AT' });
    await refreshProofOfAddressState(handle.db, austrian.id);
    expect((await getPersonDetail(handle.db, austrian.id))?.proofOfAddress).toMatchObject({
      state: 'outstanding',
      stateLabel: 'Outstanding',
      documentsWithAddress: [],
      submissions: [],
    });

    const german = await createPerson(handle.db, { nationality: 'DE' });
    const identification = await createIdentification(handle.db, german.id);
    await refreshProofOfAddressState(handle.db, german.id);
    const before = (await getPersonDetail(handle.db, german.id))?.proofOfAddress;
    expect(before?.state).toBe('depends_on_document');
    expect(before?.documentsWithAddress).toEqual([
      { code: 'DEU-BO-01003', kind: 'ID' },
      { code: 'DEU-BO-02001', kind: 'ID' },
    ]);

    await createProofOfAddressSubmission(handle.db, {
      personId: german.id,
      identificationId: identification.id,
      recordedBy: reviewer.id,
      type: 'WATER_BILL',
      issuedOn: '2030-02-01',
      note: 'Brought to the branch',
      fileName: 'wasser.pdf',
    });
    const after = (await getPersonDetail(handle.db, german.id))?.proofOfAddress;
    expect(after?.state).toBe('in_review');
    expect(after?.explanation).toMatch(/waits for a compliance decision/);
    expect(after?.submissions).toEqual([
      expect.objectContaining({
        type: 'WATER_BILL',
        typeLabel: 'Water bill',
        issuedOn: '2030-02-01',
        note: 'Brought to the branch',
        status: 'pending_review',
        recordedBy: { id: reviewer.id, name: 'Agnes Agent' },
        decidedBy: null,
        uploadStatus: 'pending',
        uploadError: null,
        fileName: 'wasser.pdf',
        contentType: 'application/pdf',
      }),
    ]);
  });
});
