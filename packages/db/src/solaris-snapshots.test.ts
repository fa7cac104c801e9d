import { SEED_IDENTIFICATION_RETRIEVED, SEED_PERSON_RESPONSE } from '@identdesk/domain/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFICATION_SOLARIS_FIELDS, upsertIdentificationSnapshot } from './queries/identifications.ts';
import { PERSON_SOLARIS_FIELDS, upsertPersonSnapshot } from './queries/persons.ts';
import { identifications } from './schema/identifications.ts';
import { persons } from './schema/persons.ts';
import {
  identificationSnapshotFromSolaris,
  personSnapshotFromSolaris,
  type SolarisIdentification,
  type SolarisPerson,
} from './solaris-snapshots.ts';
import { openTestDatabase, type TestDatabase } from './testing.ts';

// The seed's POST /v1/persons response and GET /v1/persons/{person_id}/identifications/{id}
// response (documents left out), verbatim.
const seedPerson: SolarisPerson = SEED_PERSON_RESPONSE;
const { documents: _documents, ...seedIdentificationWithoutDocuments } = SEED_IDENTIFICATION_RETRIEVED;
const seedIdentification: SolarisIdentification = seedIdentificationWithoutDocuments;

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('personSnapshotFromSolaris', () => {
  it('maps every field of the seed person response to a column', () => {
    const snapshot = personSnapshotFromSolaris(seedPerson);
    const missing = PERSON_SOLARIS_FIELDS.filter((field) => snapshot[field] === undefined);
    expect(missing).toEqual([]);
    expect(snapshot).toMatchObject({
      addressLine1: 'Amrumerstrasse',
      addressPostalCode: '13353',
      contactAddressCity: null,
      maritalStatus: 'UNKNOWN',
      termsConditionsSignedAt: new Date('2022-01-01T00:00:00.000Z'),
      birthDate: '1992-12-11',
    });
  });

  it('leaves fields absent from a partial response undefined, and rejects a malformed timestamp', () => {
    const snapshot = personSnapshotFromSolaris({ id: seedPerson.id, first_name: 'Jane' });
    expect(snapshot.addressCity).toBeUndefined();
    expect(snapshot.maritalStatus).toBeUndefined();
    expect(() => personSnapshotFromSolaris({ id: seedPerson.id, data_terms_signed_at: 'soon' })).toThrow(
      /data_terms_signed_at/,
    );
  });

  it('round-trips the seed person through the database', async () => {
    await upsertPersonSnapshot(handle.db, {
      person: personSnapshotFromSolaris(seedPerson),
      observedAt: new Date('2022-07-22T10:00:00Z'),
      source: 'webhook',
    });
    // The IDnow agent corrected the address during the call (CHANGEALL).
    const changed = await upsertPersonSnapshot(handle.db, {
      person: personSnapshotFromSolaris({ ...seedPerson, address: { ...seedPerson.address, line_2: '15' } }),
      observedAt: new Date('2022-07-22T11:00:00Z'),
      source: 'reconciliation',
    });
    expect(changed).toMatchObject({ version: 2, changed: ['addressLine2'] });
    const [row] = await handle.db.select().from(persons).where(eq(persons.id, seedPerson.id));
    // The search key folds oe/ae/ue like umlauts (Möller = Moeller), so Doe is stored as "do".
    expect(row).toMatchObject({ searchName: 'jane do', mobileDigits: '49301234567', addressLine2: '15' });
  });
});

describe('identificationSnapshotFromSolaris', () => {
  it('maps the seed identification response and stores it', async () => {
    const snapshot = identificationSnapshotFromSolaris(seedIdentification, seedPerson.id);
    expect(snapshot).toMatchObject({
      status: 'successful',
      completedAt: new Date('2022-07-14T18:18:28.000Z'),
      addressCity: 'Berlin',
      addressState: undefined,
    });
    const result = await upsertIdentificationSnapshot(handle.db, {
      identification: snapshot,
      observedAt: new Date('2022-07-14T18:20:00Z'),
      source: 'webhook',
    });
    expect(result.created).toBe(true);
    const [row] = await handle.db.select().from(identifications).where(eq(identifications.id, seedIdentification.id));
    expect(row).toMatchObject({ reference: 'TST-KCCEY', proofOfAddressIssuedAt: '2022-03-03', addressState: null });
    expect(IDENTIFICATION_SOLARIS_FIELDS).toContain('failureReason');
  });

  it('refuses an identification of another person', () => {
    expect(() => identificationSnapshotFromSolaris(seedIdentification, 'someoneelsecper')).toThrow(/belongs to/);
  });
});
