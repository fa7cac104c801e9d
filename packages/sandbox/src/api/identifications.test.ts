import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identificationResourceSchema } from '@identdesk/domain';
import {
  SEED_CREATE_IDENTIFICATION_REQUEST,
  SEED_IDENTIFICATION_CREATED,
  SEED_IDENTIFICATION_REQUESTED,
} from '@identdesk/domain/testing';
import { newId } from '../core/ids.ts';
import { startTestSandbox, type TestSandbox } from '../testing/harness.ts';
import { errorsOf, fieldsOf, postJson, SEED_PERSON_REQUEST, uniqueName } from '../testing/fixtures.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
  // The seed's examples date from July 2022; its proof of address (2022-03-03) is valid then.
  const response = await fetch(`${t.baseUrl}/_control/clock/set`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: '2022-07-14T18:00:00.000Z' }),
  });
  expect(response.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

async function newPerson(firstName = uniqueName('Jane')) {
  const created = await postJson(t, '/v1/persons', { ...SEED_PERSON_REQUEST, first_name: firstName });
  expect(created.status).toBe(201);
  return (created.body as { id: string }).id;
}

describe('POST /v1/persons/{id}/identifications', () => {
  it('answers the seed request with the seed response, field for field', async () => {
    const personId = await newPerson();
    const created = await postJson(t, `/v1/persons/${personId}/identifications`, SEED_CREATE_IDENTIFICATION_REQUEST);
    expect(created.status).toBe(201);
    const body = created.body as Record<string, unknown>;
    expect(body['id']).toMatch(/^[0-9a-f]{32}cidt$/);
    expect(body).toEqual({ ...SEED_IDENTIFICATION_CREATED, id: body['id'] });
    expect(Object.keys(body)).toEqual(Object.keys(SEED_IDENTIFICATION_CREATED));
  });

  it('answers the tutorial request ({ method: idnow }) with nulls', async () => {
    const personId = await newPerson();
    const created = await t.client.createIdentification(personId, { method: 'idnow' });
    expect(created).toMatchObject({ status: 'created', language: null, proof_of_address_type: null, proof_of_address_issued_at: null });
  });

  it('accepts a proof of address exactly 6 months old and refuses one a day older', async () => {
    const personId = await newPerson();
    // Sandbox date is 2022-07-14 (Berlin).
    const sixMonths = await postJson(t, `/v1/persons/${personId}/identifications`, {
      ...SEED_CREATE_IDENTIFICATION_REQUEST,
      proof_of_address_issued_at: '2022-01-14',
    });
    expect(sixMonths.status).toBe(201);
    const older = await postJson(t, `/v1/persons/${personId}/identifications`, {
      ...SEED_CREATE_IDENTIFICATION_REQUEST,
      proof_of_address_issued_at: '2022-01-13',
    });
    expect(older.status).toBe(400);
    expect(fieldsOf(older.body)).toEqual(['proof_of_address_issued_at']);
  });

  it('refuses other methods, languages and proof-of-address types, naming each field', async () => {
    const personId = await newPerson();
    const created = await postJson(t, `/v1/persons/${personId}/identifications`, {
      method: 'postident',
      language: 'FR',
      proof_of_address_type: 'LOVE_LETTER',
      proof_of_address_issued_at: '2022-03-03',
    });
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body).sort()).toEqual(['language', 'method', 'proof_of_address_type']);
  });

  it('answers 404 for an unknown person', async () => {
    const created = await postJson(t, `/v1/persons/${newId('person')}/identifications`, { method: 'idnow' });
    expect(created.status).toBe(404);
    expect(fieldsOf(created.body)).toEqual(['person_id']);
  });
});

describe('PATCH …/identifications/{id}/request and the reads', () => {
  it('requests, lists and reads an identification as the seed shows', async () => {
    const personId = await newPerson(uniqueName('X-MANUALTEST-HAPPYPATH'));
    const created = await t.client.createIdentification(personId, SEED_CREATE_IDENTIFICATION_REQUEST);
    const requested = await postJson(t, `/v1/persons/${personId}/identifications/${created.id}/request`, undefined, 'PATCH');
    expect(requested.status).toBe(200);
    const body = requested.body as Record<string, unknown>;
    expect(body).toEqual({
      ...SEED_IDENTIFICATION_REQUESTED,
      id: created.id,
      reference: expect.stringMatching(/^TST-[A-Z]{5}$/),
      url: `${t.origin}/sandbox/solaris/idnow/identifications/${created.id}`,
    });
    expect(identificationResourceSchema.parse(body)).toBeTruthy();

    // Asking again hands back the same identification.
    const again = await t.client.requestIdentification(personId, created.id);
    expect(again.reference).toBe(body['reference']);

    const list = await t.client.listIdentifications(personId);
    expect(list).toEqual([{ ...body, estimated_waiting_time: undefined }].map(({ estimated_waiting_time: _, ...rest }) => rest));

    const detail = await t.client.getIdentification(personId, created.id);
    expect(detail).toMatchObject({
      id: created.id,
      status: 'pending',
      person_id: personId,
      address: SEED_PERSON_REQUEST.address,
      failure_reason: null,
      provider_status_code: null,
    });
    expect(detail.documents).toBeUndefined();
    const withDocuments = await t.client.getIdentification(personId, created.id, { includeDocuments: true });
    expect(withDocuments.documents).toEqual([]);
  });

  it('lists realistic supported documents', async () => {
    const personId = await newPerson();
    const created = await t.client.createIdentification(personId, { method: 'idnow' });
    const documents = await t.client.listSupportedDocuments(personId, created.id);
    expect(documents.map((document) => document.type)).toEqual(['ID_CARD', 'PASSPORT']);
    for (const document of documents) {
      expect(document.issuing_countries?.length).toBeGreaterThan(10);
      for (const country of document.issuing_countries ?? []) expect(country).toMatch(/^[A-Z]{2}$/);
    }
    expect(documents[0]?.issuing_countries).toContain('DE');
  });

  it('answers 404 naming the id for an identification of another person', async () => {
    const personId = await newPerson();
    const otherPersonId = await newPerson();
    const created = await t.client.createIdentification(personId, { method: 'idnow' });
    const response = await t.api(`/v1/persons/${otherPersonId}/identifications/${created.id}`);
    expect(response.status).toBe(404);
    expect(fieldsOf(await response.json())).toEqual(['id']);
    const attempts = await t.api(`/v1/persons/${personId}/identifications/${newId('identification')}/idnow_attempts`);
    expect(attempts.status).toBe(404);
  });
});

describe('documents', () => {
  it('uploads a document for an identification and serves it back', async () => {
    const personId = await newPerson();
    const created = await t.client.createIdentification(personId, { method: 'idnow' });
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const uploaded = await t.client.uploadIdentificationDocument(personId, created.id, {
      documentType: 'PICTURE',
      file: bytes,
      fileName: 'Rückseite.jpg',
      contentType: 'image/jpeg',
    });
    expect(uploaded).toMatchObject({ name: 'Rückseite.jpg', content_type: 'image/jpeg', document_type: 'PICTURE', size: 5 });
    expect(uploaded.id).toMatch(/^[0-9a-f]{32}cdoc$/);

    expect(await t.client.getDocument(personId, uploaded.id)).toEqual(uploaded);
    expect((await t.client.listDocuments(personId)).map((document) => document.id)).toEqual([uploaded.id]);
    const file = await t.client.downloadDocumentFile(personId, uploaded.id);
    expect([...file.bytes]).toEqual([...bytes]);
    expect(file.contentType).toBe('image/jpeg');
    expect(file.fileName).toBe('Rückseite.jpg');

    const detail = await t.client.getIdentification(personId, created.id, { includeDocuments: true });
    expect(detail.documents).toEqual([
      { id: uploaded.id, name: 'Rückseite.jpg', content_type: 'image/jpeg', document_type: 'PICTURE', size: 5 },
    ]);
  });

  it('refuses an unknown document type and a missing file, naming the fields', async () => {
    const personId = await newPerson();
    const created = await t.client.createIdentification(personId, { method: 'idnow' });
    const form = new FormData();
    form.append('document_type', 'SELFIE');
    const response = await t.api(`/v1/persons/${personId}/identifications/${created.id}/document_upload`, {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(await response.json()).sort()).toEqual(['document_type', 'file']);
  });

  it('refuses a file over the size limit with 413', async () => {
    const small = await startTestSandbox({ documentMaxBytes: 1024 });
    try {
      const created = await postJson(small, '/v1/persons', { ...SEED_PERSON_REQUEST, first_name: uniqueName('Jane') });
      const personId = (created.body as { id: string }).id;
      const identification = await small.client.createIdentification(personId, { method: 'idnow' });
      const form = new FormData();
      form.append('document_type', 'OTHER');
      form.append('file', new Blob([new Uint8Array(2048)]), 'big.bin');
      const response = await small.api(`/v1/persons/${personId}/identifications/${identification.id}/document_upload`, {
        method: 'POST',
        body: form,
      });
      expect(response.status).toBe(413);
      expect(errorsOf(await response.json())[0]).toMatchObject({ status: 413, source: { field: 'file' } });
    } finally {
      await small.close();
    }
  });

  it('answers 404 for unknown documents', async () => {
    const personId = await newPerson();
    const response = await t.api(`/v1/persons/${personId}/documents/${newId('document')}/file`);
    expect(response.status).toBe(404);
    expect(fieldsOf(await response.json())).toEqual(['document_id']);
  });
});
