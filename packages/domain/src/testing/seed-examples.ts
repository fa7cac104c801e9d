import type { CreateIdentificationInput, IdentificationDocument, IdentificationResource } from '../identification.ts';
import type { CreatePersonInput, PersonResource } from '../person.ts';

// The seed's JSON examples (shared/seed/solaris-video-identification.txt), written once, key for
// key in the seed's order, for every package's tests. seed-examples.test.ts holds each one to the
// seed document, so a copy here cannot drift from the contract.

/** `POST /v1/persons`: the request body. */
export const SEED_CREATE_PERSON_REQUEST: CreatePersonInput = {
  salutation: 'MS',
  first_name: 'Jane',
  last_name: 'Doe',
  address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE' },
  mobile_number: '+49301234567',
  birth_date: '1992-12-11',
  nationality: 'DE',
  terms_conditions_signed_at: '2022-01-01T00:00:00.000Z',
  data_terms_signed_at: '2022-01-01T00:00:00.000Z',
};

/** `POST /v1/persons`: the response to that request, field for field. */
export const SEED_PERSON_RESPONSE: PersonResource = {
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

/** `POST /v1/persons/{person_id}/identifications`: the request body (with a proof of address). */
export const SEED_CREATE_IDENTIFICATION_REQUEST: CreateIdentificationInput = {
  method: 'idnow',
  language: 'DE',
  proof_of_address_type: 'GAS_BILL',
  proof_of_address_issued_at: '2022-03-03',
};

/** `POST /v1/persons/{person_id}/identifications`: the response, status `created`. */
export const SEED_IDENTIFICATION_CREATED: IdentificationResource = {
  id: '6dc54352d6793a892e0702850d07b831cidt',
  reference: null,
  url: null,
  status: 'created',
  completed_at: null,
  method: 'idnow',
  proof_of_address_type: 'GAS_BILL',
  proof_of_address_issued_at: '2022-03-03',
  language: 'DE',
  iban: null,
  terms_and_conditions_signed_at: null,
  authorization_expires_at: null,
  confirmation_expires_at: null,
};

/** `PATCH …/identifications/{id}/request`: the same identification, now `pending` with IDnow's reference and URL. */
export const SEED_IDENTIFICATION_REQUESTED: IdentificationResource = {
  ...SEED_IDENTIFICATION_CREATED,
  reference: 'TST-KCCEY',
  url: 'https://go.test.idnow.de/solarisbankvideoidentsandbox/identifications/6dc54352d6793a892e0702850d07b831cidt',
  status: 'pending',
  estimated_waiting_time: 60,
};

/** The first document of `GET …/identifications/{id}?include_documents=true`: the KYC report. */
export const SEED_KYC_REPORT_DOCUMENT: IdentificationDocument = {
  id: '448b75fa1c57eecda41d91c66c22faa6cdoc',
  name: 'file1.pdf',
  content_type: 'application/json',
  document_type: 'KYC_REPORT',
  size: 803580,
};

/** `GET /v1/persons/{person_id}/identifications/{id}`: the identification completed, `successful`. */
export const SEED_IDENTIFICATION_RETRIEVED: IdentificationResource = {
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
  documents: [
    SEED_KYC_REPORT_DOCUMENT,
    {
      id: '94eb22a9311be9a1fbb698c448b0b337cdoc',
      name: 'file2.jpg',
      content_type: 'image/jpeg',
      document_type: 'SIGNATURE',
      size: 25349,
    },
  ],
};
