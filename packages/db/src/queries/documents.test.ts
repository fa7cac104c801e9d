import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentification, createPerson, openTestDatabase, type TestDatabase } from '../testing.ts';
import { listIdentificationDocuments, upsertDocumentMetadata, type DocumentMetadataInput } from './documents.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const report: DocumentMetadataInput = {
  id: '448b75fa1c57eecda41d91c66c22faa6cdoc',
  documentType: 'KYC_REPORT',
  name: 'file1.pdf',
  contentType: 'application/pdf',
  size: 803580,
};
const signature: DocumentMetadataInput = {
  id: '94eb22a9311be9a1fbb698c448b0b337cdoc',
  documentType: 'SIGNATURE',
  name: 'file2.jpg',
  contentType: 'image/jpeg',
  size: 25349,
};

describe('document metadata', () => {
  it('inserts new documents, changes nothing on a repeat and updates what Solaris changed', async () => {
    const person = await createPerson(handle.db);
    const identification = await createIdentification(handle.db, person.id);
    const params = { personId: person.id, identificationId: identification.id, documents: [report, signature] };

    expect(await upsertDocumentMetadata(handle.db, params)).toEqual({ inserted: 2, updated: 0 });
    expect(await upsertDocumentMetadata(handle.db, params)).toEqual({ inserted: 0, updated: 0 });
    expect(
      await upsertDocumentMetadata(handle.db, { ...params, documents: [{ ...report, size: 803581 }, signature] }),
    ).toEqual({ inserted: 0, updated: 1 });
    expect(await upsertDocumentMetadata(handle.db, { ...params, documents: [] })).toEqual({ inserted: 0, updated: 0 });

    expect(await listIdentificationDocuments(handle.db, identification.id)).toEqual([
      { ...report, size: 803581 },
      signature,
    ]);
  });
});
