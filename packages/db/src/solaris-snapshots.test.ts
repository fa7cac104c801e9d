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

// The seed's POST /v1/persons response, verbatim.
const seedPerson: SolarisPerson = {
  id: '7cf09c3c5547b974a664201f24b454eecper',
  salutation: 'MS',
  title: null,
  first_name: 'Jane',
  last_name: 'Doe',
  address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE', state: null },
  contact_address: { line_1: null, line_2: null, postal_code: null, city: null, country: null, state: null },
  email: null,
  mobile_number: '+49301234567',
  birth_name: null,
  birth_date: '1992-12-11',
  birth_city: null,
  birth_country: null,
  nationality: 'DE',
  employment_status: null,
  job_title: null,
  tax_information: { tax_assessment: null, marital_status: 'UNKNOWN' },
  fatca_relevant: null,
  fatca_crs_confirmed_at: null,
  business_purpose: null,
  industry: null,
  industry_key: null,
  terms_conditions_signed_at: '2022-01-01T00:00:00.000Z',
  own_economic_interest_signed_at: null,
  aml_follow_up_date: '2029-01-22',
  aml_confirmed_on: '2022-07-22',
  flagged_by_compliance: false,
  expected_monthly_revenue_cents: null,
  vat_number: null,
  website_social_media: null,
  business_trading_name: null,
  nace_code: null,
  business_address_line_1: null,
  business_address_line_2: null,
  business_postal_code: null,
  business_city: null,
  business_country: null,
  business_state: null,
  screening_progress: 'NOT_SCREENED',
  risk_classification_status: 'NOT_SCORED',
  customer_vetting_status: 'NOT_VETTED',
  annual_income_range: null,
  data_terms_signed_at: '2022-01-01T00:00:00.000Z',
  branch: null,
  birth_province: null,
  birth_post_code: null,
  socioprofessional_category: null,
  purpose_of_account_opening: null,
  main_income_source: null,
  work_country: null,
  work_province: null,
  self_declared_as_pep: null,
  international_operativity_expectation: [],
  registration_number: null,
  legitimation_valid_until: null,
};

// The seed's GET /v1/persons/{person_id}/identifications/{id} response (documents left out).
const seedIdentification: SolarisIdentification = {
  id: '6dc54352d6793a892e0702850d07b831cidt',
  reference: 'TST-KCCEY',
  url: 'https://go.test.idnow.de/solarisbankvideoidentsandbox/identifications/6dc54352d6793a892e0702850d07b831cidt',
  status: 'successful',
  completed_at: '2022-07-14T18:18:28.000Z',
  method: 'idnow',
  proof_of_address_type: 'GAS_BILL',
  proof_of_address_issued_at: '2022-03-03',
  language: 'DE',
  person_id: '7cf09c3c5547b974a664201f24b454eecper',
  address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE' },
};

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
    expect(row).toMatchObject({ searchName: 'jane doe', mobileDigits: '49301234567', addressLine2: '15' });
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
